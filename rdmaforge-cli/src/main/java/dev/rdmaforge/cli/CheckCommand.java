package dev.rdmaforge.cli;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.CheckRequest;
import dev.rdmaforge.check.Checker;
import dev.rdmaforge.check.render.CheckHtml;
import dev.rdmaforge.check.render.CheckJson;
import dev.rdmaforge.check.render.CheckText;
import dev.rdmaforge.check.render.PackagesPart;
import dev.rdmaforge.pkg.PackageInputs;
import dev.rdmaforge.pkg.root.PackageRoot;
import dev.rdmaforge.pkg.root.PackageRootRequest;
import dev.rdmaforge.pkg.root.PackageRoots;
import dev.rdmaforge.report.AtomicFile;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdmaforge check}: before any boot, what the target kernel does when modprobe loads each
 * module of an image root — it loads, or the kernel's own reason why not, with the fix. With
 * {@code --packages} and {@code --kernel-package} the root is composed from packages first ({@link
 * PackageRoots}) and the report gains the packages, their scripts' predicted effects, the
 * weak-updates links and the conflicts between the packages.
 */
@Command(
    name = "check",
    description =
        "Predict, for each module of an image root, whether the target kernel loads it when"
            + " modprobe asks, and if not, the kernel's reason and the fix.",
    sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
  static final class Source {
    @Option(names = "--root", required = true, paramLabel = "DIR",
        description = "The image root (lib/modules/KVER, etc/depmod.d, etc/modprobe.d).")
    Path root;

    @ArgGroup(exclusive = false)
    PackageInput packages;
  }

  static final class PackageInput {
    @Option(names = "--packages", required = true, arity = "1..*", paramLabel = "PKG|DIR",
        description = "Instead of --root: .rpm/.deb files or directories of them, seen as if"
            + " installed beside --kernel-package (scripts are not run; their effect is"
            + " predicted). Give MODULE names before this list or after another option.")
    List<Path> packages;

    @Option(names = "--kernel-package", required = true, paramLabel = "PKG",
        description = "The kernel's package (linux-image-KVER .deb, kernel-core .rpm).")
    Path kernelPackage;

    @Option(names = "--package-root", paramLabel = "DIR",
        description = "Keep the composed root in DIR (new or empty); default: a temporary"
            + " directory, deleted afterwards.")
    Path packageRoot;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--kernel", paramLabel = "KVER",
      description = "The target kernel release (with --packages: default the kernel package's).")
  String kernel;

  @Option(names = "--symvers", paramLabel = "FILE",
      description = "The kernel's Module.symvers or symvers-KVER.gz (default: found in the image).")
  Path symvers;

  @Option(names = "--kernel-image", paramLabel = "VMLINUZ",
      description = "The kernel image, for the keys it trusts (default: ROOT/boot/vmlinuz-KVER).")
  Path kernelImage;

  @Option(names = "--trusted-cert", paramLabel = "FILE|DIR",
      description = "Extra certificates the kernel trusts (MOK, secondary keyring); repeatable.")
  List<Path> trustedCerts = List.of();

  @Option(names = "--sig-enforce", description = "Signatures are enforced (module.sig_enforce=1).")
  boolean sigEnforce;

  @Option(names = "--config", paramLabel = "DEPMOD_CONF",
      description = "depmod.d file or directory on the host instead of the image's own.")
  List<String> config;

  static final class Selection {
    @Option(names = "--all", required = true, description = "Every module of the tree.")
    boolean all;

    @Parameters(arity = "1..*", paramLabel = "MODULE", description = "Modules to load.")
    List<String> modules;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  static final class Output {
    @Option(names = "--json", description = "Machine-readable output (schema 1).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report.")
    Path html;
  }

  @ArgGroup(exclusive = true)
  Output output;

  @Option(names = "--cmdline", paramLabel = "CMDLINE",
      description = "The target's kernel command line (as /proc/cmdline will hold it):"
          + " modprobe follows its modprobe.blacklist= and MODULE.PARAM= words;"
          + " module.sig_enforce=1 enforces signatures.")
  String cmdline;

  @Option(names = {"-v", "--verbose"}, description = "List every module, also those that load.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (source.packages == null) {
      if (kernel == null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Missing required option: '--kernel=KVER' (needed with --root)");
      }
      return report(source.root, kernel, null, false);
    }
    PackageInput in = source.packages;
    boolean kept = in.packageRoot != null;
    Path dir = null;
    try {
      dir = kept ? in.packageRoot : Files.createTempDirectory("rdmaforge-package-root-");
      // A directory given to --packages may hold the kernel package too: install it once.
      List<Path> others = new ArrayList<>();
      for (Path p : PackageInputs.expand(in.packages)) {
        if (!sameFile(p, in.kernelPackage)) {
          others.add(p);
        }
      }
      PackageRoot root = PackageRoots.build(new PackageRootRequest(in.kernelPackage, others,
          dir, symvers));
      if (kernel != null && !kernel.equals(root.kernelRelease())) {
        throw new UserInputException(in.kernelPackage + ": installs kernel "
            + root.kernelRelease() + ", but --kernel says " + kernel + "; drop --kernel or give"
            + " the package of kernel " + kernel);
      }
      return report(root.root(), root.kernelRelease(), root, kept);
    } catch (IOException e) {
      throw new UserInputException("cannot create a temporary directory for the package root: "
          + e.getMessage() + "; set TMPDIR or give --package-root DIR", e);
    } finally {
      if (!kept && dir != null) {
        PackageRoots.delete(dir);
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false; // the kernel package's own error comes when it is read
    }
  }

  private int report(Path root, String release, PackageRoot packages, boolean kept) {
    List<String> modules = selection.all ? List.of() : selection.modules;
    CheckRequest request = new CheckRequest(root, release, symvers, kernelImage, trustedCerts,
        sigEnforce, config, modules, cmdline);
    CheckReport report = Checker.create().check(request);
    boolean packageErrors = false;
    if (packages != null) {
      List<Finding> findings = new ArrayList<>(report.findings());
      findings.addAll(packages.findings());
      packageErrors = packages.findings().stream().anyMatch(Finding::isError);
      report = new CheckReport(report.kernel(), report.results(), findings, report.sources());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output != null && output.json) {
      out.println(packages == null ? CheckJson.render(report)
          : CheckJson.render(report, packages, kept));
    } else {
      out.print(CheckText.render(report, verbose));
      if (packages != null) {
        out.print(PackagesPart.text(packages, kept));
      }
      if (output != null && output.html != null) {
        AtomicFile.write(output.html, CheckHtml.render(report).getBytes(StandardCharsets.UTF_8));
        out.println("\nHTML report: " + output.html);
      }
    }
    out.flush();
    return report.modprobeSucceeds() && !packageErrors ? 0 : 1;
  }
}
