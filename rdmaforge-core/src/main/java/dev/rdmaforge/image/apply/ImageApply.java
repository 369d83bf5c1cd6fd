package dev.rdmaforge.image.apply;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.CheckRequest;
import dev.rdmaforge.check.Checker;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodOutputs;
import dev.rdmaforge.depmod.DepmodWriter;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.explain.BuiltinModules;
import dev.rdmaforge.depmod.explain.Explainer;
import dev.rdmaforge.depmod.explain.ModuleExplanation;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.render.FabricRenderer;
import dev.rdmaforge.fabric.render.RenderedFile;
import dev.rdmaforge.fabric.yaml.FabricYamlReader;
import dev.rdmaforge.image.ImageKernel;
import dev.rdmaforge.image.ImageKernels;
import dev.rdmaforge.image.KernelChoice;
import dev.rdmaforge.image.initramfs.InitramfsAudit;
import dev.rdmaforge.image.initramfs.InitramfsAuditRequest;
import dev.rdmaforge.image.initramfs.InitramfsAuditResult;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code rdmaforge image apply}: install, configure, verify, in one step, on an image that is a
 * directory tree (see the package documentation). The order:
 *
 * <ol>
 *   <li>the image's kernel from the root itself ({@link ImageKernels}; never the host's);
 *   <li>an earlier apply killed outright is undone first (its journal is still there);
 *   <li>the stack's packages for that kernel ({@link StackPackages}); installed packages shipping
 *       one of its module names are conflicts, removed with {@code removeConflicting};
 *   <li>every change journalled first: the kernel's {@code modules.*} files, the removal, the
 *       install with the image's package manager ({@link RootPackageManager});
 *   <li>the resolution after the install: override lines for the names the stack does not win
 *       ({@link OverrideLines}), proved by resolving again, then depmod for the image's kernel
 *       (rdmaforge's own, byte for byte kmod's, as {@code chroot ROOT depmod -a KVER});
 *   <li>the check of every module of the stack on that kernel: one that would not load fails the
 *       apply, and everything is undone;
 *   <li>the initramfs audit; with {@code regenerateInitramfs} its fix lines are written and the
 *       image's own generator is run in the root;
 *   <li>the state is recorded ({@link AppliedState}) for {@code image verify}.
 * </ol>
 */
public final class ImageApply {
  private ImageApply() {}

  /** Applies (or, dry, plans) {@code request}. Bad input throws {@link UserInputException}. */
  public static ImageApplyResult apply(ImageApplyRequest request) {
    Path root = request.root().toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new UserInputException(root + ": not a directory; give the image root (--root DIR)");
    }
    ImageKernels kernels = ImageKernels.find(root);
    PackageFormat format = kernels.packageManager().orElseThrow(() -> new UserInputException(
        root + ": no package database (var/lib/dpkg/status or var/lib/rpm); image apply installs"
            + " with the image's own package manager, so the root must have one"));
    KernelChoice choice = kernels.choose(request.kernel());
    ImageKernel kernel = choice.kernel();
    String release = kernel.release();
    RootPackageManager packages = RootPackageManager.of(root, format);
    StackPackages.Selection selection;
    try {
      selection = StackPackages.select(request.inputs(), format, release, request.group());
    } catch (ApplyFailure e) {
      // Nothing changed yet: the failure is the whole answer (exit 1, not an internal error).
      return new ImageApplyResult(root.toString(), release, choice.note(), List.of(), List.of(),
          List.of(), List.of(), List.of(), List.of(), kernels.problems(), false,
          Optional.empty(), Optional.of(e.getMessage()));
    }
    Map<String, String> stackPaths = stackPaths(selection, release);
    List<String> install = selection.packages().stream()
        .map(p -> p.name() + " " + p.version()).toList();
    Set<String> names = new TreeSet<>();
    selection.packages().forEach(p -> names.add(p.name()));

    Resolution before = OverrideLines.resolve(root, release);
    Map<String, String> conflictOwners = conflicts(before, root, release, stackPaths, names,
        packages);
    List<String> conflicts = new ArrayList<>();
    conflictOwners.forEach((where, owner) -> conflicts.add(owner + ": " + where));
    Set<String> toRemove = request.removeConflicting()
        ? new TreeSet<>(conflictOwners.values()) : Set.of();
    List<RenderedFile> fabricFiles = fabricFiles(request);

    if (request.dryRun()) {
      return new ImageApplyResult(root.toString(), release, choice.note(), install, conflicts,
          List.copyOf(toRemove), List.of(), fabricPaths(fabricFiles), List.of(),
          kernels.problems(), false, Optional.empty(), Optional.empty());
    }
    requirePrivileges(format);
    Optional<ApplyJournal.UndoReport> earlier = ApplyJournal.pending(root)
        .map(j -> j.undo(packages));
    if (earlier.isPresent() && earlier.get().incomplete()) {
      return new ImageApplyResult(root.toString(), release, choice.note(), install, conflicts,
          List.copyOf(toRemove), List.of(), List.of(), List.of(), kernels.problems(), false, earlier,
          Optional.of("an earlier apply was interrupted and could not be undone completely;"
              + " nothing was applied"));
    }
    ApplyJournal journal = ApplyJournal.begin(root);
    Thread onSignal = new Thread(() -> journal.undo(packages), "rdmaforge-image-apply-undo");
    Runtime.getRuntime().addShutdownHook(onSignal);
    List<String> overrides = List.of();
    try {
      Path modulesDir = kernel.modulesDir().orElseThrow();
      for (String f : moduleIndexes(modulesDir)) {
        journal.beforeWrite(root.relativize(modulesDir.resolve(f)).toString());
      }
      if (!toRemove.isEmpty()) {
        journal.beforeRemove(packages.installed(toRemove));
        packages.remove(toRemove);
      }
      Map<String, String> versions = new TreeMap<>();
      selection.packages().forEach(p -> versions.put(p.name(), p.version().toString()));
      journal.beforeInstall(versions, packages.installed(names));
      packages.install(selection.packages().stream().map(PackageFile::source).toList());

      Resolution after = OverrideLines.resolve(root, release);
      Map<String, String> losers = OverrideLines.losers(after, stackPaths);
      if (!losers.isEmpty()) {
        overrides = OverrideLines.lines(losers, stackPaths, release);
        writeFile(journal, root, OverrideLines.FILE, "# Written by rdmaforge image apply: the"
            + " stack's modules win over\n# " + String.join(", ", losers.values()) + "\n" + String.join("\n", overrides) + "\n");
        after = OverrideLines.resolve(root, release);
        Map<String, String> still = OverrideLines.losers(after, stackPaths);
        if (!still.isEmpty()) {
          throw new ApplyFailure("the stack's modules still do not win after the override lines"
              + " in " + OverrideLines.FILE + ": " + still + "; a depmod.d line read after it"
              + " overrides them: remove it");
        }
      }
      writeDepmod(after);
      Set<String> toCheck = new TreeSet<>(stackPaths.keySet());
      for (RenderedFile f : fabricFiles) {
        writeFile(journal, root, f.path().replaceFirst("^/+", ""), f.content());
        toCheck.addAll(optionModules(f));
      }

      // The node's modprobe.d options are checked too: against the image's own modules.
      CheckReport report = Checker.create().check(new CheckRequest(root, release, null, null,
          List.of(), false, null, new ArrayList<>(toCheck)));
      List<Finding> findings = new ArrayList<>(kernels.problems());
      if (!report.modprobeSucceeds()) {
        ApplyJournal.UndoReport undo = journal.undo(packages);
        return new ImageApplyResult(root.toString(), release, choice.note(), install, conflicts,
            List.copyOf(toRemove), overrides, fabricPaths(fabricFiles), report.results(),
            findings, false,
            Optional.of(undo), Optional.of("the stack would not load on " + release
                + "; the image is left as it was"));
      }
      findings.addAll(initramfs(request, journal, root, release));
      new AppliedState(release, AppliedState.sha256(kernel.vmlinuz()),
          kernels.kernels().stream().map(ImageKernel::release).toList(),
          List.copyOf(names), new ArrayList<>(stackPaths.keySet())).write(root);
      journal.commit();
      earlier.ifPresent(e -> findings.add(0, new Finding("RF-IMG-010", Severity.WARNING,
          dev.rdmaforge.report.Location.of(root.resolve(ApplyJournal.DIR).toString()),
          "an earlier apply was interrupted and has been undone first: " + e.undone(),
          e.notUndone().isEmpty() ? "" : String.join("; ", e.notUndone()))));
      return new ImageApplyResult(root.toString(), release, choice.note(), install, conflicts,
          List.copyOf(toRemove), overrides, fabricPaths(fabricFiles), report.results(),
          findings, true,
          Optional.empty(), Optional.empty());
    } catch (UserInputException e) {
      // Bad input found late (a damaged initrd): the image goes back, the error is the answer.
      journal.undo(packages);
      throw e;
    } catch (RuntimeException e) {
      ApplyJournal.UndoReport undo = journal.undo(packages);
      return new ImageApplyResult(root.toString(), release, choice.note(), install, conflicts,
          List.copyOf(toRemove), overrides, List.of(), List.of(), kernels.problems(), false,
          Optional.of(undo), Optional.of(e.getMessage() == null ? e.toString()
              : e.getMessage()));
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it undoes
      }
    }
  }

  /**
   * The fabric description's files for the request's node (paths on the node); an unknown node is
   * an input error naming the nodes there are.
   */
  private static List<RenderedFile> fabricFiles(ImageApplyRequest request) {
    if (request.fabric().isEmpty()) {
      return List.of();
    }
    FabricDescription d = FabricYamlReader.read(request.fabric().get());
    String node = request.node().orElseThrow();
    List<RenderedFile> all = new FabricRenderer().render(d);
    List<RenderedFile> mine = all.stream().filter(f -> f.node().equals(node)).toList();
    if (mine.isEmpty()) {
      Set<String> nodes = new TreeSet<>();
      all.stream().map(RenderedFile::node).filter(n -> !n.equals(RenderedFile.IMAGE_NODE))
          .forEach(nodes::add);
      throw new UserInputException(request.fabric().get() + ": no files for node '" + node
          + "'; its nodes are " + nodes + " (--node NAME)");
    }
    return mine;
  }

  private static List<String> fabricPaths(List<RenderedFile> files) {
    return files.stream().map(RenderedFile::path).toList();
  }

  /** The modules an {@code etc/modprobe.d} file sets options for. */
  private static Set<String> optionModules(RenderedFile f) {
    Set<String> out = new TreeSet<>();
    if (f.path().replaceFirst("^/+", "").startsWith("etc/modprobe.d/")) {
      for (String line : f.content().split("\n")) {
        String[] w = line.trim().split("\\s+");
        if (w.length >= 2 && w[0].equals("options")) {
          out.add(w[1].replace('-', '_'));
        }
      }
    }
    return out;
  }

  /** Each module name of the stack to its file, relative to {@code lib/modules/RELEASE}. */
  private static Map<String, String> stackPaths(StackPackages.Selection selection,
      String release) {
    Map<String, String> out = new TreeMap<>();
    for (PackageFile p : selection.packages()) {
      for (PackagedFile f : p.files()) {
        String path = f.path().startsWith("/") ? f.path().substring(1) : f.path();
        for (String prefix : List.of("lib/modules/" + release + "/",
            "usr/lib/modules/" + release + "/")) {
          if (path.startsWith(prefix) && path.matches(".*\\.ko(\\.xz|\\.zst|\\.gz)?")) {
            String rel = path.substring(prefix.length());
            String base = rel.substring(rel.lastIndexOf('/') + 1);
            out.put(base.substring(0, base.indexOf(".ko")).replace('-', '_'), rel);
          }
        }
      }
    }
    return out;
  }

  /**
   * Installed files with a module name of the stack that would compete with it, outside the
   * kernel's own tree ({@code kernel/}: those lose to {@code updates/} or are overridden, and
   * belong to the kernel package), with the package owning each; unowned files are left to the
   * override lines.
   */
  private static Map<String, String> conflicts(Resolution before, Path root, String release,
      Map<String, String> stackPaths, Set<String> stackPackages, RootPackageManager packages) {
    Map<String, String> out = new LinkedHashMap<>();
    Explainer explainer = new Explainer(before,
        BuiltinModules.read(before.view(), before.request().dirname()));
    for (Map.Entry<String, String> e : stackPaths.entrySet()) {
      ModuleExplanation x = explainer.explain(e.getKey());
      for (ModuleExplanation.CandidateView c : x.candidates()) {
        if (c.path().equals(e.getValue()) || c.path().startsWith("kernel/")) {
          continue;
        }
        packages.owner(c.fullPath()).filter(o -> !stackPackages.contains(o))
            .ifPresent(o -> out.put(e.getKey() + " (" + c.path() + ")", o));
      }
    }
    return out;
  }

  private static void requirePrivileges(PackageFormat format) {
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      throw new UserInputException("image apply runs the image's "
          + (format == PackageFormat.DEB ? "dpkg" : "rpm") + " against the root, whose package"
          + " scripts run chrooted into it: run it as root (or inside `unshare --map-root-user"
          + " --mount`), or use --dry-run");
    }
  }

  /** The kernel's depmod outputs ({@code modules.dep}, ...), which the apply rewrites. */
  private static List<String> moduleIndexes(Path modulesDir) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(modulesDir, "modules.*")) {
      for (Path p : s) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("modules.builtin")
            && !p.getFileName().toString().startsWith("modules.builtin.")
            && !p.getFileName().toString().equals("modules.order")) {
          out.add(p.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(String::compareTo);
    return out;
  }

  private static void writeDepmod(Resolution after) {
    try {
      List<DepmodOutputs.OutputFile> files = DepmodOutputs.render(after, DepmodLog.discard());
      Path moduleDir = after.request().view().physical(after.request().dirname());
      if (!DepmodWriter.write(files, moduleDir, after.request().dirname(), DepmodLog.discard())) {
        throw new ApplyFailure("depmod could not write the indexes in " + moduleDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (dev.rdmaforge.depmod.DepmodFailure e) {
      throw new ApplyFailure("depmod failed for the image's kernel: " + e.getMessage(), e);
    }
  }

  /** Writes a file of the root through the journal: temporary file, then rename. */
  static void writeFile(ApplyJournal journal, Path root, String relative, String text) {
    journal.beforeWrite(relative);
    Path target = root.resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling("." + target.getFileName() + ".rdmaforge-tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The initramfs audit of the boot paths (and stale copies of the stack's modules); with {@code
   * regenerateInitramfs}, its fix lines written and the image's generator run in the root, then
   * audited again. Its findings are the result's.
   */
  private static List<Finding> initramfs(ImageApplyRequest request, ApplyJournal journal,
      Path root, String release) {
    Path initrd = InitramfsAuditRequest.defaultInitramfs(root, release);
    if (!Files.isRegularFile(initrd)) {
      return List.of(new Finding("RF-IMG-011", Severity.INFO, dev.rdmaforge.report.Location.of(
          root.relativize(initrd).toString()), "the image has no initramfs for " + release
              + "; none audited", ""));
    }
    InitramfsAuditRequest ask = InitramfsAuditRequest.forBootPaths(root, release, initrd,
        request.bootPaths(), List.of());
    InitramfsAuditResult audit = InitramfsAudit.create().audit(ask);
    boolean needed = !audit.stale().isEmpty() || !audit.missing().isEmpty();
    if (!request.regenerateInitramfs() || !needed || audit.regenerate() == null) {
      return audit.findings();
    }
    if (!audit.fixLines().isEmpty() && audit.fixFile() != null) {
      Path fix = root.resolve(audit.fixFile());
      String existing = "";
      try {
        existing = Files.isRegularFile(fix) ? Files.readString(fix, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      writeFile(journal, root, audit.fixFile(), existing
          + (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n")
          + String.join("\n", audit.fixLines()) + "\n");
    }
    journal.beforeWrite(root.relativize(initrd).toString());
    // The image's own generator, chrooted (its hooks and configuration, never the host's).
    List<String> cmd = new ArrayList<>(List.of("chroot", root.toString()));
    cmd.addAll(audit.generator().equals("dracut") ? List.of("dracut", "-f", "--kver", release)
        : List.of("update-initramfs", "-u", "-k", release));
    RootCommands.Run run = RootCommands.run(cmd, Map.of());
    if (!run.ok()) {
      throw new ApplyFailure("the image's initramfs generator failed: " + run.describe());
    }
    return InitramfsAudit.create().audit(ask).findings();
  }
}
