package dev.rdmaforge.pkg.root;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to lay out: a kernel package and the packages installed beside it.
 *
 * @param kernelPackage the kernel's package (Debian {@code linux-image-RELEASE}, RPM {@code
 *     kernel-core} or {@code kernel}); its release is the target kernel
 * @param packages the other package files, in the order they are installed (a later package's file
 *     replaces an earlier one's, and the conflict is reported); directories already expanded
 *     ({@link dev.rdmaforge.pkg.PackageInputs#expand})
 * @param outputDir where the root is laid out; created when missing, refused when not empty.
 *     Nothing is ever written outside it.
 * @param symvers the target kernel's Module.symvers or symvers-KVER.gz on the host, for the
 *     weak-updates prediction; null to look in the root ({@code boot/symvers-KVER.gz}, as RHEL's
 *     weak-modules does, then the headers' {@code Module.symvers})
 */
public record PackageRootRequest(
    Path kernelPackage, List<Path> packages, Path outputDir, Path symvers) {

  /** Requires the kernel package and the output directory; copies the list. */
  public PackageRootRequest {
    Objects.requireNonNull(kernelPackage, "kernelPackage");
    Objects.requireNonNull(outputDir, "outputDir");
    packages = List.copyOf(packages);
  }
}
