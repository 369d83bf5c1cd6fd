package dev.rdmaforge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Debian 12 kernels the integration tests run on, chosen with apt-cache ({@link
 * KernelSelection}), downloaded with {@code apt-get download} and unpacked with {@code dpkg-deb -x}
 * into the test kit's cache ({@link KernelCache}); never installed.
 */
public final class DebianKernels {

  /**
   * Environment variable naming the cache directory. Default: {@code
   * ~/.cache/rdmaforge-testkit/kernels}.
   */
  public static final String CACHE_ENV = "RDMAFORGE_TEST_CACHE";

  private static KernelSelection selection;

  private DebianKernels() {}

  /** The cache directory: {@code $RDMAFORGE_TEST_CACHE} or the default. */
  public static Path cacheDir() {
    String configured = System.getenv(CACHE_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".cache", "rdmaforge-testkit", "kernels");
  }

  /**
   * The chosen releases, asked from apt-cache once per JVM; runs {@code apt-get update} first when
   * the package lists know no kernel at all (a fresh machine).
   */
  public static synchronized KernelSelection selection() {
    if (selection == null) {
      List<String> names = kernelPackageNames();
      if (names.stream().noneMatch(n -> n.startsWith("linux-image-6.1.0-"))) {
        AptArchive.update();
        names = kernelPackageNames();
      }
      selection = KernelSelection.choose(names);
    }
    return selection;
  }

  /** The oldest 6.1.0-N ABI with image and headers (today 6.1.0-47-amd64). */
  public static DebianKernel oldest61() {
    return fetch(selection().oldest61());
  }

  /** The newest 6.1.0-N ABI with image and headers (today 6.1.0-56-amd64). */
  public static DebianKernel newest61() {
    return fetch(selection().newest61());
  }

  /** One 6.12 backport kernel (today 6.12.117+deb12-amd64; its modules are .ko.xz). */
  public static DebianKernel series612() {
    return fetch(selection().series612());
  }

  /** All three, oldest 6.1 first. */
  public static List<DebianKernel> all() {
    List<DebianKernel> kernels = new ArrayList<>();
    for (String release : selection().releases()) {
      kernels.add(fetch(release));
    }
    return kernels;
  }

  /**
   * {@code release}'s image (and headers' {@code Module.symvers} when the selection says the
   * archive has them), from the cache or fetched now.
   */
  public static DebianKernel fetch(String release) {
    KernelCache cache = new KernelCache(cacheDir());
    Path root = cache.unpacked(release, "root", "linux-image-" + release);
    Path modulesDir = modulesDir(root, release);
    Optional<Path> symvers = Optional.empty();
    if (selection().withHeaders().contains(release)) {
      Path headers = cache.unpacked(release, "headers", "linux-headers-" + release);
      Path file = headers.resolve("usr/src/linux-headers-" + release + "/Module.symvers");
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "linux-headers-" + release + " unpacked to " + headers + " has no " + file);
      }
      symvers = Optional.of(file);
    }
    return new DebianKernel(release, root, modulesDir, symvers);
  }

  /**
   * The {@code Module.symvers} of any release whose {@code linux-headers-RELEASE} package the
   * archive has (not only the selection's), downloaded and unpacked into the cache on first use;
   * nothing is installed.
   */
  public static Path headersSymvers(String release) {
    Path headers =
        new KernelCache(cacheDir()).unpacked(release, "headers", "linux-headers-" + release);
    Path file = headers.resolve("usr/src/linux-headers-" + release + "/Module.symvers");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "linux-headers-" + release + " unpacked to " + headers + " has no " + file);
    }
    return file;
  }

  private static Path modulesDir(Path root, String release) {
    // Debian 12 packages ship lib/modules; a usr-merged package ships usr/lib/modules, maybe with
    // lib as a symbolic link to usr/lib, which must not be followed out of the root.
    List<String> prefixes =
        Files.isSymbolicLink(root.resolve("lib"))
            ? List.of("usr/lib/modules")
            : List.of("lib/modules", "usr/lib/modules");
    for (String prefix : prefixes) {
      Path dir = root.resolve(prefix).resolve(release);
      if (Files.isDirectory(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "linux-image-"
            + release
            + " unpacked to "
            + root
            + " has neither lib/modules/"
            + release
            + " nor usr/lib/modules/"
            + release);
  }

  private static List<String> kernelPackageNames() {
    List<String> names = new ArrayList<>();
    names.addAll(AptArchive.packageNames("^linux-(image|headers)-6\\.1\\.0-[0-9]+-amd64$"));
    names.addAll(AptArchive.packageNames("^linux-(image|headers)-6\\.12\\.[0-9]+\\+deb12-amd64$"));
    return names;
  }
}
