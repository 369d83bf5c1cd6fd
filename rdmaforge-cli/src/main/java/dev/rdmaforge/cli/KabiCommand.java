package dev.rdmaforge.cli;

import dev.rdmaforge.kabi.KabiJson;
import dev.rdmaforge.kabi.KabiMatrix;
import dev.rdmaforge.kabi.KabiMatrixBuilder;
import dev.rdmaforge.kabi.KabiRequest;
import dev.rdmaforge.kabi.KabiText;
import dev.rdmaforge.kabi.KernelInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rdmaforge kabi}: the kernel-compatibility matrix — for every kmod package and kernel,
 * whether the package's modules load (directly, or from weak-updates), or the kernel's reason why
 * not, and whether RPM's {@code kernel(sym)} requirements agree. Failing cells are findings, not
 * errors: the exit code is 0 whenever the matrix was computed.
 */
@Command(
    name = "kabi",
    description = "The kernel-compatibility matrix: on which kernels each kmod package's modules"
        + " load, the kernel's reason where they do not, and whether RPM's kernel(sym)"
        + " requirements agree.",
    sortOptions = false)
public final class KabiCommand implements Callable<Integer> {
  @Option(names = "--kernels", required = true, arity = "1..*", paramLabel = "K",
      description = "Kernel packages (.deb, .rpm), Module.symvers or symvers-RELEASE.gz files,"
          + " or header trees; RELEASE=FILE when the release cannot be read from the input.")
  List<String> kernels;

  @Option(names = "--packages", required = true, arity = "1..*", paramLabel = "P",
      description = "kmod packages (RPM, DEB) or directories holding them.")
  List<Path> packages;

  @Option(names = "--json", description = "Machine-readable output (schema 1).")
  boolean json;

  @Option(names = "--cache", paramLabel = "DIR", description = "Where extracted kernel packages"
      + " are kept (default: $XDG_CACHE_HOME/rdmaforge or ~/.cache/rdmaforge).")
  Path cache;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<KernelInput> inputs = kernels.stream().map(KernelInput::parse).toList();
    KabiMatrix matrix = KabiMatrixBuilder.create().build(new KabiRequest(inputs, packages,
        cache != null ? cache : KabiRequest.defaultCacheDir()));
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? KabiJson.render(matrix) + "\n" : KabiText.render(matrix));
    out.flush();
    return 0;
  }
}
