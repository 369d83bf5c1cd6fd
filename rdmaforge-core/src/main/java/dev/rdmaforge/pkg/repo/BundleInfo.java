package dev.rdmaforge.pkg.repo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an MLNX_OFED bundle says about itself besides its packages.
 *
 * @param version the first line of {@code .mlnx} (or {@code mlnx}), e.g. {@code 23.10-2.1.3.1}
 * @param distro the first line of {@code distro}, e.g. {@code rhel9.3}; empty when there is no
 *     such file
 * @param supportedKernels the kernel releases of {@code .supported_kernels} (or {@code
 *     supported_kernels}), one per line, in file order
 * @param packageDir the {@code RPMS} or {@code DEBS} directory
 * @param versionFile the file the version came from
 */
public record BundleInfo(
    String version, String distro, List<String> supportedKernels, Path packageDir,
    Path versionFile) {

  /** Requires every part and freezes the list. */
  public BundleInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(distro, "distro");
    Objects.requireNonNull(packageDir, "packageDir");
    Objects.requireNonNull(versionFile, "versionFile");
    supportedKernels = List.copyOf(supportedKernels);
  }
}
