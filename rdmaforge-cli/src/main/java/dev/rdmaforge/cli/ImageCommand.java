package dev.rdmaforge.cli;

import dev.rdmaforge.build.output.StackOutputs;
import dev.rdmaforge.check.ModuleResult;
import dev.rdmaforge.image.apply.ImageApply;
import dev.rdmaforge.image.apply.ImageApplyRequest;
import dev.rdmaforge.image.apply.ImageApplyResult;
import dev.rdmaforge.image.apply.ImageVerify;
import dev.rdmaforge.image.initramfs.BootPath;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.stack.StackDescription;
import dev.rdmaforge.stack.StackDescriptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rdmaforge image}: put a rebuilt stack into an image root, and guard it afterwards. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = "Put a rebuilt driver stack into an image root (apply) and check later that the"
        + " image still boots the kernel it was applied for (verify).",
    subcommands = {ImageCommand.Apply.class, ImageCommand.Verify.class})
public final class ImageCommand implements Runnable {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rdmaforge image apply}. */
  @Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Install the stack's packages for the image's own kernel with the image's"
          + " package manager, make them win (depmod.d), run depmod, and check that every module"
          + " of the stack loads; exit 1 (everything undone) when one would not.")
  static final class Apply implements Callable<Integer> {
    @Option(names = "--root", required = true, paramLabel = "DIR",
        description = "The image root (a directory tree).")
    Path root;

    @Option(names = "--stack", paramLabel = "STACK.yaml",
        description = "A stack whose `rdmaforge build` output holds the packages.")
    Path stack;

    @Option(names = "--repo", paramLabel = "DIR", arity = "1..*",
        description = "Repositories, bundles, directories or package files holding the stack's"
            + " packages (e.g. the build's OUT/MLNX_OFED_LINUX-... and OUT/dependents).")
    List<Path> repos = new ArrayList<>();

    @Option(names = "--group", paramLabel = "NAME",
        description = "A package to install with its dependencies (a meta package such as"
            + " mlnx-ofed-hypervisor); default: every kernel package built for the image's"
            + " kernel.")
    String group;

    @Option(names = "--kernel", paramLabel = "KVER",
        description = "The image's kernel to apply for (default: the image's; the newest of"
            + " several).")
    String kernel;

    @Option(names = "--remove-conflicting", description = "Remove installed packages that ship"
        + " a module of the stack (default: keep them; the stack wins by override lines).")
    boolean removeConflicting;

    @Option(names = "--boot-path", paramLabel = "PATH", split = ",",
        description = "What the image boots over, whose modules must be in the initramfs:"
            + " ipoib, nfs-rdma, lustre, rdma-cm-configfs.")
    List<String> bootPaths = new ArrayList<>();

    @Option(names = "--initramfs", description = "Regenerate the image's initramfs in the root"
        + " (its own update-initramfs or dracut) when it lacks or holds stale modules.")
    boolean initramfs;

    @Option(names = "--fabric", paramLabel = "FABRIC.yaml", description = "A fabric"
        + " description whose files for --node go into the image (modprobe.d options, checked"
        + " against the image's modules; openib.conf; the IPoIB interface; agent files).")
    Path fabric;

    @Option(names = "--node", paramLabel = "NAME", description = "The node of --fabric the"
        + " image is for.")
    String node;

    @Option(names = "--dry-run", description = "Print what would change; change nothing.")
    boolean dryRun;

    @Option(names = "--fail-on-warning", description = "Exit 1 on warnings too (a conflicting"
        + " package kept, a kernel without modules.dep, an initramfs the generator would"
        + " change).")
    boolean failOnWarning;

    @Option(names = "--json", description = "Machine-readable output (schema 1).")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      List<Path> inputs = new ArrayList<>(repos);
      if (stack != null) {
        inputs.addAll(stackOutput(stack));
      }
      if (inputs.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give the stack's packages: --stack STACK.yaml (after rdmaforge build) or --repo DIR");
      }
      if ((fabric == null) != (node == null)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--fabric and --node go together: the image is for one node of the fabric");
      }
      List<BootPath> paths = new ArrayList<>();
      for (String p : bootPaths) {
        paths.add(BootPath.byId(p));
      }
      ImageApplyResult r = ImageApply.apply(new ImageApplyRequest(root, inputs,
          Optional.ofNullable(group), Optional.ofNullable(kernel), removeConflicting, paths,
          initramfs, Optional.ofNullable(fabric), Optional.ofNullable(node), dryRun));
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (json) {
        out.println(JSON.writeValueAsString(json(r, dryRun)));
      } else {
        text(r, dryRun, removeConflicting, out, err);
      }
      out.flush();
      err.flush();
      // An initramfs error (a stale copy of a stack module that wins at boot, a boot-path module
      // missing) fails the image build as a module that would not load does; the root keeps the
      // stack and --initramfs regenerates it.
      boolean failing = r.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
          || (failOnWarning && f.severity() == Severity.WARNING))
          || (failOnWarning && !r.conflicts().isEmpty() && !removeConflicting);
      return r.ok() && !failing ? 0 : 1;
    }

    /** The build output of a stack: its bundle directory and dependents/. */
    private static List<Path> stackOutput(Path stack) throws IOException {
      StackDescription d = StackDescriptions.read(stack);
      Path out = d.output().directory();
      if (!Files.isRegularFile(out.resolve(StackOutputs.MARKER))) {
        throw new UserInputException(stack + ": its output " + out + " holds no rdmaforge build"
            + " result; run `rdmaforge build " + stack + "` first");
      }
      List<Path> dirs = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(out, Files::isDirectory)) {
        s.forEach(dirs::add);
      }
      dirs.sort(Path::compareTo);
      return dirs;
    }
  }

  private static void text(ImageApplyResult r, boolean dry, boolean removing, PrintWriter out,
      PrintWriter err) {
    String would = dry ? "would " : "";
    out.println("image " + r.root() + ": kernel " + r.release()
        + r.kernelNote().map(n -> " (" + n + ")").orElse(""));
    r.install().forEach(p -> out.println(would + "install " + p));
    for (String c : r.conflicts()) {
      out.println("conflict: " + c + (removing ? "" : "; kept (the stack wins by override),"
          + " remove it with --remove-conflicting"));
    }
    r.removed().forEach(p -> out.println(would + "remove " + p));
    r.overrides().forEach(l -> out.println("override: " + l));
    r.fabricFiles().forEach(f -> out.println(would + "write " + f));
    for (ModuleResult m : r.verdicts()) {
      (m.verdict().fails() ? err : out).println("check: " + m.module() + ": " + m.verdict().id()
          + (m.file() == null ? "" : " (" + m.file() + ")")
          + (m.verdict().fails() ? ": " + m.why() : ""));
    }
    for (Finding f : r.findings()) {
      (f.severity() == Severity.ERROR ? err : out).println(f.severity().name().toLowerCase(
          java.util.Locale.ROOT) + " " + f.rule() + ": " + f.location() + ": " + f.message()
          + (f.fix().isEmpty() ? "" : "; " + f.fix()));
    }
    r.undone().forEach(u -> err.println("undone: " + u));
    r.notUndone().forEach(u -> err.println("NOT undone: " + u));
    if (r.failure().isPresent()) {
      err.println("image apply failed: " + r.failure().get());
    } else if (dry) {
      out.println("dry run: nothing changed");
    } else {
      out.println("applied: the stack loads on " + r.release() + "; recorded in "
          + dev.rdmaforge.image.apply.AppliedState.FILE);
    }
  }

  private static ObjectNode json(ImageApplyResult r, boolean dry) {
    ObjectNode n = JSON.createObjectNode().put("schema", 1).put("root", r.root())
        .put("kernel", r.release()).put("dry_run", dry).put("applied", r.applied())
        .put("ok", r.ok());
    r.kernelNote().ifPresent(k -> n.put("kernel_note", k));
    r.install().forEach(n.putArray("install")::add);
    r.conflicts().forEach(n.putArray("conflicts")::add);
    r.removed().forEach(n.putArray("removed")::add);
    r.overrides().forEach(n.putArray("overrides")::add);
    r.fabricFiles().forEach(n.putArray("fabric_files")::add);
    ArrayNode v = n.putArray("verdicts");
    for (ModuleResult m : r.verdicts()) {
      v.addObject().put("module", m.module()).put("file", m.file())
          .put("verdict", m.verdict().id()).put("why", m.why());
    }
    ArrayNode f = n.putArray("findings");
    for (Finding x : r.findings()) {
      f.addObject().put("rule", x.rule()).put("severity", x.severity().name()
          .toLowerCase(java.util.Locale.ROOT)).put("file", x.location().toString())
          .put("message", x.message()).put("fix", x.fix());
    }
    r.undone().forEach(n.putArray("undone")::add);
    r.notUndone().forEach(n.putArray("not_undone")::add);
    r.failure().ifPresent(x -> n.put("failure", x));
    return n;
  }

  /** {@code rdmaforge image verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "The kernel-pinning guard: exit 1 when the image's kernels are no longer"
          + " those image apply recorded, or a module of the stack no longer loads.")
  static final class Verify implements Callable<Integer> {
    @Option(names = "--root", required = true, paramLabel = "DIR",
        description = "The image root.")
    Path root;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ImageVerify.Result r = ImageVerify.verify(root.toAbsolutePath().normalize());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      r.problems().forEach(p -> err.println("image verify: " + p));
      if (r.ok()) {
        out.println("image " + root + ": kernel " + r.kernel() + " as applied; "
            + r.verdicts().size() + " module(s) of the stack load");
      }
      out.flush();
      err.flush();
      return r.ok() ? 0 : 1;
    }
  }
}
