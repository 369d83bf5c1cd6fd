package dev.rdmaforge.testkit.bundle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ofed-like example ({@code examples/ofed-like}) built for one kernel by its own scripts: an
 * MLNX_OFED bundle, the dependent's source package beside it, and the dependent built against the
 * bundle's provider for the same kernel.
 *
 * @param release the kernel release it was built for ({@code 6.1.0-56-amd64})
 * @param bundleDir {@code MLNX_OFED_LINUX-VERSION-debian12-x86_64/}
 * @param bundleTgz the same bundle as a {@code .tgz}, as vendors ship it
 * @param dependentSrpm {@code lustre-like-1.0-1.src.rpm}
 * @param dependentRpm {@code kmod-lustre-like-...kver.RELEASE_.x86_64.rpm}, built against this
 *     bundle's {@code ofa-like-devel}
 * @param built whether the first call for this release in this JVM built it (false: it came from
 *     the cache); later calls return the same record
 * @param took the wall time of that first call
 */
public record SyntheticBundle(
    String release,
    Path bundleDir,
    Path bundleTgz,
    Path dependentSrpm,
    Path dependentRpm,
    boolean built,
    Duration took) {

  /** The bundle's version ({@code .mlnx}). */
  public static final String VERSION = "1.0-1.0.0.0";

  /** The bundle's distribution ({@code distro}). */
  public static final String DISTRO = "debian12";

  /** Binary packages in {@code RPMS/COMMON}: built for the bundle's kernel. */
  public static final List<String> COMMON =
      List.of("kmod-ofa-like", "ofa-like-devel", "kmod-knem-like");

  /** Binary packages in {@code RPMS/MLNX_LIBS}: user space, the same for every kernel. */
  public static final List<String> MLNX_LIBS = List.of("ofa-like-utils", "libofa-like");

  /** The bundle's package directory, {@code RPMS/}. */
  public Path packageDir() {
    return bundleDir.resolve("RPMS");
  }

  /**
   * The bundle's binary package named {@code name} ({@code NAME-VERSION-RELEASE.ARCH.rpm} in
   * {@code RPMS/COMMON} or {@code RPMS/MLNX_LIBS}).
   */
  public Path rpm(String name) {
    return BundleFiles.single(bundleDir, packageDir(), name,
        Pattern.compile(Pattern.quote(name) + "-[0-9][^-]*-[^-]+\\.(x86_64|noarch)\\.rpm"));
  }
}
