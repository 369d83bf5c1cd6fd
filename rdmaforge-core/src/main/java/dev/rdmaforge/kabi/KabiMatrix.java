package dev.rdmaforge.kabi;

import java.util.List;

/**
 * The answer to a {@link KabiRequest}.
 *
 * @param kernels the columns, in input order
 * @param packages the rows (kmod packages), in input order
 * @param cells one per package and kernel, package-major
 * @param checkerRuns how many Checker runs (trees) decided the package-kind columns
 */
public record KabiMatrix(
    List<KabiKernel> kernels, List<KabiPackage> packages, List<KabiCell> cells,
    int checkerRuns) {
  /** Freezes the lists. */
  public KabiMatrix {
    kernels = List.copyOf(kernels);
    packages = List.copyOf(packages);
    cells = List.copyOf(cells);
  }
}
