package dev.rdmaforge.pkg.repo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package repository in a local directory: what it lists. Open one with {@link
 * Repositories#open(Path)}.
 *
 * @param layout how it describes its packages
 * @param root the directory locations are resolved against (the one holding {@code repodata/},
 *     {@code dists/} or the flat {@code Packages}; for a bundle, the bundle directory)
 * @param packages the packages, in metadata order (a directory's and a bundle's groups: sorted
 *     by path)
 * @param metadata the metadata files read (repomd.xml, primary, filelists, Packages, ...), for
 *     reports
 * @param bundle what an MLNX_OFED bundle says about itself; empty for other layouts
 */
public record Repository(
    RepositoryLayout layout,
    Path root,
    List<RepositoryPackage> packages,
    List<Path> metadata,
    Optional<BundleInfo> bundle) {

  /** Requires every part and freezes the lists. */
  public Repository {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(bundle, "bundle");
    packages = List.copyOf(packages);
    metadata = List.copyOf(metadata);
  }

  /** The packages named {@code name}, in repository order. */
  public List<RepositoryPackage> named(String name) {
    return packages.stream().filter(p -> p.name().equals(name)).toList();
  }
}
