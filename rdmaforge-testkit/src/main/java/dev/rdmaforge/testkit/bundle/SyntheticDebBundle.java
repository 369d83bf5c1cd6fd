package dev.rdmaforge.testkit.bundle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ofed-like example ({@code examples/ofed-like}) built for one kernel as Debian packages by its
 * own scripts ({@code make-deb-bundle.sh}, {@code build-dependent-deb.sh}): an MLNX_OFED Debian
 * bundle, the dependent's {@code .orig.tar.gz} beside it, and the dependent built against the
 * bundle's provider for the same kernel.
 *
 * @param release the kernel release it was built for ({@code 6.1.0-56-amd64})
 * @param bundleDir {@code MLNX_OFED_LINUX-VERSION-debian12-x86_64/}
 * @param bundleTgz the same bundle as a {@code .tgz}, as vendors ship it
 * @param dependentSource {@code lustre-like_1.0.orig.tar.gz} (sources and {@code debian/})
 * @param dependentDeb {@code lustre-like-modules_1.0-1.kver.RELEASE_amd64.deb}, built against this
 *     bundle's {@code ofa-like-modules}
 * @param built whether the first call for this release in this JVM built it (false: it came from
 *     the cache); later calls return the same record
 * @param took the wall time of that first call
 */
public record SyntheticDebBundle(
    String release,
    Path bundleDir,
    Path bundleTgz,
    Path dependentSource,
    Path dependentDeb,
    boolean built,
    Duration took) {

  /** The bundle's version ({@code .mlnx}). */
  public static final String VERSION = SyntheticBundle.VERSION;

  /** The bundle's distribution ({@code distro}). */
  public static final String DISTRO = SyntheticBundle.DISTRO;

  /** Binary packages in {@code DEBS/COMMON}: built for the bundle's kernel. */
  public static final List<String> COMMON = List.of("ofa-like-modules", "knem-like-modules");

  /** Binary packages in {@code DEBS/MLNX_LIBS}: user space, the same for every kernel. */
  public static final List<String> MLNX_LIBS = List.of("libofa-like", "ofa-like-utils");

  /** The source package of each binary package, the dependent's included. */
  public static final Map<String, String> SOURCES = Map.of(
      "ofa-like-modules", "ofa-like",
      "knem-like-modules", "knem-like",
      "libofa-like", "libofa-like",
      "ofa-like-utils", "ofa-like-utils",
      "lustre-like-modules", "lustre-like");

  /** The source packages' version ({@code debian/changelog}). */
  public static final String SOURCE_VERSION = "1.0-1";

  /** The bundle's package directory, {@code DEBS/}. */
  public Path packageDir() {
    return bundleDir.resolve("DEBS");
  }

  /** The version of the kernel packages: {@code 1.0-1.kver.RELEASE}, as MLNX_OFED names them. */
  public String kernelPackageVersion() {
    return SOURCE_VERSION + ".kver." + release;
  }

  /**
   * The bundle's binary package named {@code name} ({@code NAME_VERSION_ARCH.deb} in {@code
   * DEBS/COMMON} or {@code DEBS/MLNX_LIBS}).
   */
  public Path deb(String name) {
    return BundleFiles.single(bundleDir, packageDir(), name,
        Pattern.compile(Pattern.quote(name) + "_[^/]*\\.deb"));
  }
}
