package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens package repositories in local directories: yum/dnf ({@code repodata/}), apt (flat {@code
 * Packages*} or {@code dists/}), unpacked MLNX_OFED bundles, and plain directories of packages.
 *
 * <pre>
 * Repository repo = Repositories.open(Path.of("MLNX_OFED_LINUX-23.10-2.1.3.1-rhel9.3-x86_64"));
 * for (RepositoryPackage p : repo.packages()) {
 *   PackageFile checked = p.read();   // size and checksum verified against the metadata
 * }
 * </pre>
 *
 * <p>Every problem is a {@link UserInputException} naming the file, the place in it ({@code
 * FILE:line:column} for XML and Packages files, a byte offset for compressed streams) and what to
 * do: missing or inconsistent metadata, checksum mismatches, locations leaving the repository,
 * XML with a document type declaration, unknown compressions.
 */
public final class Repositories {
  private Repositories() {}

  /** The repository in {@code dir}, read (package files are opened only by a plain directory). */
  public static Repository open(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    RepositoryLayout layout = layout(root);
    switch (layout) {
      case MLNX_OFED:
        return MlnxOfedBundles.read(root);
      case YUM:
        return YumRepositories.read(root);
      case APT:
        return AptRepositories.isArchive(root) ? AptRepositories.readArchive(root)
            : AptRepositories.readFlat(root);
      default:
        return PackageDirectories.read(root);
    }
  }

  /**
   * How {@code dir} describes its packages, from the names in it alone: a bundle has a version
   * file and {@code RPMS/} or {@code DEBS/}; a yum repository {@code repodata/}; an apt one
   * {@code dists/} or a {@code Packages} index; anything else is a plain directory.
   */
  public static RepositoryLayout layout(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir + ": no such directory; give the directory of a"
          + " repository (the one holding repodata/, dists/ or Packages) or of an unpacked"
          + " bundle");
    }
    if (MlnxOfedBundles.isBundle(dir)) {
      return RepositoryLayout.MLNX_OFED;
    }
    if (Files.isDirectory(dir.resolve("repodata"))) {
      return RepositoryLayout.YUM;
    }
    if (AptRepositories.isArchive(dir) || AptRepositories.index(dir).isPresent()) {
      return RepositoryLayout.APT;
    }
    return RepositoryLayout.DIRECTORY;
  }
}
