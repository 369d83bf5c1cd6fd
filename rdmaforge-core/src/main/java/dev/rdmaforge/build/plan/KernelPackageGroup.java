package dev.rdmaforge.build.plan;

import dev.rdmaforge.pkg.repo.RepositoryPackage;
import java.util.List;

/**
 * The bundle's binary packages made from one source RPM that ships kernel modules (e.g. {@code
 * kmod-ofa-like} and {@code ofa-like-devel} from {@code ofa-like-1.0-1.src.rpm}), every build of
 * them the bundle holds.
 *
 * @param sourceRpm the SRPM file name (the packages' {@code SOURCERPM} tag)
 * @param kmods the packages shipping {@code lib/modules/...} files
 * @param others the other packages of the source ({@code -devel} and the like)
 */
record KernelPackageGroup(String sourceRpm, List<RepositoryPackage> kmods,
    List<RepositoryPackage> others) {

  KernelPackageGroup {
    kmods = List.copyOf(kmods);
    others = List.copyOf(others);
  }

  /** The source package's name: the file name without {@code -VERSION-RELEASE.src.rpm}. */
  String sourceName() {
    String base = sourceRpm.endsWith(".src.rpm")
        ? sourceRpm.substring(0, sourceRpm.length() - ".src.rpm".length()) : sourceRpm;
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
    return kmods.stream().anyMatch(p -> p.name().equals(name))
        || others.stream().anyMatch(p -> p.name().equals(name));
  }

  /** The name of its devel package ({@code NAME-devel}), or "" when it has none. */
  String develName() {
    return others.stream().map(RepositoryPackage::name).filter(n -> n.endsWith("-devel"))
        .findFirst().orElse("");
  }
}
