package dev.rdmaforge.cli;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.CheckRequest;
import dev.rdmaforge.check.Checker;
import dev.rdmaforge.check.render.CheckHtml;
import dev.rdmaforge.check.render.CheckJson;
import dev.rdmaforge.check.render.CheckText;
import dev.rdmaforge.report.AtomicFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdmaforge check}: before any boot, what the target kernel does when modprobe loads each
 * module of an image root — it loads, or the kernel's own reason why not, with the fix.
 */
@Command(
    name = "check",
    description =
        "Predict, for each module of an image root, whether the target kernel loads it when"
            + " modprobe asks, and if not, the kernel's reason and the fix.",
    sortOptions = false)
public final class CheckCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, paramLabel = "DIR",
      description = "The image root (lib/modules/KVER, etc/depmod.d, etc/modprobe.d).")
  Path root;

  @Option(names = "--kernel", required = true, paramLabel = "KVER",
      description = "The target kernel release.")
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
    List<String> modules = selection.all ? List.of() : selection.modules;
    CheckRequest request = new CheckRequest(root, kernel, symvers, kernelImage, trustedCerts,
        sigEnforce, config, modules, cmdline);
    CheckReport report = Checker.create().check(request);
    PrintWriter out = spec.commandLine().getOut();
    if (output != null && output.json) {
      out.println(CheckJson.render(report));
    } else {
      out.print(CheckText.render(report, verbose));
      if (output != null && output.html != null) {
        AtomicFile.write(output.html, CheckHtml.render(report).getBytes(StandardCharsets.UTF_8));
        out.println("\nHTML report: " + output.html);
      }
    }
    out.flush();
    return report.modprobeSucceeds() ? 0 : 1;
  }
}
