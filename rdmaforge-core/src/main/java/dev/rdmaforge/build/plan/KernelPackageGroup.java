package dev.rdmaforge.build.plan;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bundle's binary packages made from one source package that ships kernel modules (e.g. {@code
 * kmod-ofa-like} and {@code ofa-like-devel} from {@code ofa-like-1.0-1.src.rpm}; {@code
 * ofa-like-modules} from Debian source {@code ofa-like}), every build of them the bundle holds.
 *
 * @param format the packages' format
 * @param source RPM: the SRPM file name (the packages' {@code SOURCERPM} tag); DEB: the source
 *     package's name (the packages' {@code Source} field, else their own name)
 * @param kmods the packages shipping {@code lib/modules/...} files
 * @param others the other packages of the source ({@code -devel} and the like)
 * @param contents what each package file holds, read (and checked against its listing) once by
 *     {@link KernelPackageGroups#of}: reading verifies the file's checksum, too dear to repeat
 *     for every dependent and kernel
 */
record KernelPackageGroup(PackageFormat format, String source, List<RepositoryPackage> kmods,
    List<RepositoryPackage> others, Map<Path, PackageFile> contents) {

  KernelPackageGroup {
    kmods = List.copyOf(kmods);
    others = List.copyOf(others);
    contents = Map.copyOf(contents);
  }

  /** The files {@code p} ships. */
  private Stream<String> paths(RepositoryPackage p) {
    PackageFile f = contents.get(p.file());
    return (f != null ? f : p.read()).files().stream().map(PackagedFile::path);
  }

  /** Whether {@code p}'s files name {@code release} as a directory (built for it). */
  boolean builtFor(RepositoryPackage p, String release) {
    return paths(p).anyMatch(f -> f.contains("/" + release + "/") || f.endsWith("/" + release));
  }

  /** The source package's name: an SRPM's file name without {@code -VERSION-RELEASE.src.rpm}. */
  String sourceName() {
    if (format == PackageFormat.DEB) {
      return source;
    }
    String base = source.endsWith(".src.rpm")
        ? source.substring(0, source.length() - ".src.rpm".length()) : source;
    int release = base.lastIndexOf('-');
    int version = release > 0 ? base.lastIndexOf('-', release - 1) : -1;
    return version > 0 ? base.substring(0, version) : base;
  }

  /** The names of its kmod packages, sorted, each once. */
  List<String> kmodNames() {
    return kmods.stream().map(RepositoryPackage::name).distinct().sorted().toList();
  }

  /** Whether {@code name} is one of its binary packages. */
  boolean has(String name) {
    return all().anyMatch(p -> p.name().equals(name));
  }

  /**
   * The name of its package that holds a {@code Module.symvers} below {@code usr/src} (what a
   * dependent builds against: {@code mlnx-ofa_kernel-devel} on RHEL, {@code
   * mlnx-ofed-kernel-modules} itself on Debian), else its {@code NAME-devel} package, else "".
   */
  String develName() {
    Optional<String> symvers = Stream.concat(others.stream(), kmods.stream())
        .filter(p -> paths(p).anyMatch(KernelPackageGroup::isSrcSymvers))
        .map(RepositoryPackage::name).findFirst();
    return symvers.orElseGet(() -> others.stream().map(RepositoryPackage::name)
        .filter(n -> n.endsWith("-devel")).findFirst().orElse(""));
  }

  /** Every build of every one of its packages. */
  Stream<RepositoryPackage> all() {
    return Stream.concat(kmods.stream(), others.stream());
  }

  private static boolean isSrcSymvers(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.startsWith("usr/src/") && p.endsWith("/Module.symvers");
  }
}
