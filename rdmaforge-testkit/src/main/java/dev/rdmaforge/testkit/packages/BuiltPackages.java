package dev.rdmaforge.testkit.packages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The kmod packages built for one kernel release, in the package cache. Shared by every test and
 * JVM: read them or copy them, never write to them.
 *
 * <pre>
 * DIR/rpm/COMPRESSION/NAME-VERSION-RELEASE.x86_64.rpm   COMPRESSION: zstd (every package); gzip,
 *                                                       xz, bzip2 (PROVIDER only)
 * DIR/deb/COMPRESSION/NAME_VERSION_amd64.deb            COMPRESSION: xz (every package); zstd,
 *                                                       gzip, none (PROVIDER only)
 * DIR/build.log                                          what rpmbuild and dpkg-deb printed
 * </pre>
 *
 * @param release the kernel release the modules were built for
 * @param dir the cache entry
 * @param built whether this JVM built them
 * @param elapsed how long getting them took
 */
public record BuiltPackages(String release, Path dir, boolean built, Duration elapsed) {
  /** The RPM payload compressions built, the first for every package. */
  public static final List<String> RPM_COMPRESSIONS = List.of("zstd", "gzip", "xz", "bzip2");
  /** The DEB member compressions built, the first for every package. */
  public static final List<String> DEB_COMPRESSIONS = List.of("xz", "zstd", "gzip", "none");

  /** The zstd RPM of {@code pkg} (RHEL 9's payload compression). */
  public Path rpm(KmodPackage pkg) {
    return rpm(pkg, RPM_COMPRESSIONS.get(0));
  }

  /** The RPM of {@code pkg} with {@code compression}; only PROVIDER has all of them. */
  public Path rpm(KmodPackage pkg, String compression) {
    return dir.resolve("rpm").resolve(compression).resolve(KmodRpmBuilder.fileName(pkg));
  }

  /** The xz DEB of {@code pkg} (dpkg-deb's default). */
  public Path deb(KmodPackage pkg) {
    return deb(pkg, DEB_COMPRESSIONS.get(0));
  }

  /** The DEB of {@code pkg} with {@code compression}; only PROVIDER has all of them. */
  public Path deb(KmodPackage pkg, String compression) {
    return dir.resolve("deb").resolve(compression).resolve(KmodDebBuilder.fileName(pkg, release));
  }

  /** rpmbuild's and dpkg-deb's output, for failure messages. */
  public Path buildLog() {
    return dir.resolve("build.log");
  }
}
