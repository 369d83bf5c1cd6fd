package dev.rdmaforge.stack;

import dev.rdmaforge.pkg.AbsoluteSymlinks;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A target kernel's files as directories and paths on this machine: the headers tree (unpacked
 * first when the description gives a package), its Module.symvers, its config and its
 * modules.builtin if known.
 *
 * @param kernel the kernel as the description gives it
 * @param headers the headers / kernel-devel tree
 * @param symvers the Module.symvers the kernel is checked and built against
 * @param config the kernel's config
 * @param builtin the kernel's modules.builtin, when known
 */
public record KernelInputs(
    TargetKernel kernel, Path headers, Path symvers, Path config, Optional<Path> builtin) {

  /** Requires every part. */
  public KernelInputs {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(symvers, "symvers");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(builtin, "builtin");
  }

  /** The kernel's release. */
  public String release() {
    return kernel.release();
  }

  /**
   * The files of {@code kernel}; a headers package is unpacked (package extraction's rules,
   * absolute links kept as links inside {@code workDir}) into {@code workDir}, which must be new
   * or empty, and its tree is found at {@code usr/src/linux-headers-RELEASE} (Debian) or {@code
   * usr/src/kernels/RELEASE} (RHEL kernel-devel).
   */
  public static KernelInputs of(TargetKernel kernel, Path workDir) {
    Path headers = kernel.headers();
    if (kernel.headersForm() != TargetKernel.HeadersForm.DIRECTORY) {
      Packages.extract(ExtractionRequest.of(kernel.headers(), workDir)
          .withAbsoluteSymlinks(AbsoluteSymlinks.IMAGE));
      headers = treeIn(kernel, workDir);
    }
    Path tree = headers;
    Path symvers = kernel.symvers().orElse(headers.resolve("Module.symvers"));
    Path config = kernel.config().orElse(headers.resolve(".config"));
    Optional<Path> builtin = kernel.builtin().or(() ->
        Optional.of(tree.resolve("modules.builtin")).filter(Files::isRegularFile));
    for (Path p : List.of(symvers, config)) {
      if (!Files.isRegularFile(p)) {
        throw new UserInputException(kernel.at() + ": kernel " + kernel.release() + ": "
            + kernel.headers() + " has no " + p.getFileName() + "; give `"
            + (p == symvers ? "symvers" : "config") + ":` with the kernel's own file");
      }
    }
    return new KernelInputs(kernel, headers, symvers, config, builtin);
  }

  private static Path treeIn(TargetKernel kernel, Path root) {
    String r = kernel.release();
    for (String candidate : List.of("usr/src/linux-headers-" + r, "usr/src/kernels/" + r)) {
      Path p = root.resolve(candidate);
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new UserInputException(kernel.at() + ": " + kernel.headers() + " holds neither"
        + " usr/src/linux-headers-" + r + " nor usr/src/kernels/" + r + "; give the headers"
        + " package of kernel " + r + " (linux-headers-" + r + " or kernel-devel)");
  }
}
