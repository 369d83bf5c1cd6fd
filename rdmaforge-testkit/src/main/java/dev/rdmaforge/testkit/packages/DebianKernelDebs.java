package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.AptArchive;
import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian kernel packages as {@code .deb} files (the kernel cache keeps only their unpacked
 * trees): downloaded with {@code apt-get download}, as {@link DebianKernels} downloads them, into
 * {@code DebianKernels.cacheDir()/packages/debs/PACKAGE/} and kept there.
 */
public final class DebianKernelDebs {
  private DebianKernelDebs() {}

  /** {@code linux-image-RELEASE_*.deb}, downloaded on first use. */
  public static Path image(String release) {
    return deb("linux-image-" + release);
  }

  /** The candidate {@code PACKAGE_*.deb}, downloaded on first use. */
  static Path deb(String packageName) {
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("packages"));
    BuildCache.Entry entry = cache.entry("debs", packageName,
        dir -> AptArchive.download(dir, List.of(packageName)));
    try (DirectoryStream<Path> debs =
        Files.newDirectoryStream(entry.dir(), packageName + "_*.deb")) {
      for (Path deb : debs) {
        return deb;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + entry.dir(), e);
    }
    throw new IllegalStateException(
        "apt-get download " + packageName + " left no " + packageName + "_*.deb in "
            + entry.dir());
  }
}
