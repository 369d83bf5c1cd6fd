package dev.rdmaforge.kabi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to compute the matrix of.
 *
 * @param kernels the kernels, in column order
 * @param packages package files or directories, expanded with {@link
 *     dev.rdmaforge.pkg.PackageInputs#expand}; packages that ship no module are left out
 * @param cacheDir where extracted kernel packages are kept between runs (per SHA-256 of the
 *     package); see {@link #defaultCacheDir()}
 */
public record KabiRequest(List<KernelInput> kernels, List<Path> packages, Path cacheDir) {
  /** Copies the lists; everything required. */
  public KabiRequest {
    kernels = List.copyOf(kernels);
    packages = List.copyOf(packages);
    Objects.requireNonNull(cacheDir, "cacheDir");
  }

  /** {@code $XDG_CACHE_HOME/rdmaforge}, else {@code ~/.cache/rdmaforge}. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "rdmaforge");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "rdmaforge");
  }
}
