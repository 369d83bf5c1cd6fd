package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A yum/dnf repository: repomd.xml, then primary and filelists, each checked against it. */
final class YumRepositories {
  private YumRepositories() {}

  /** Whether {@code dir} holds {@code repodata/repomd.xml}. */
  static boolean isRepository(Path dir) {
    return java.nio.file.Files.isRegularFile(repomd(dir));
  }

  static Path repomd(Path dir) {
    return dir.resolve("repodata").resolve("repomd.xml");
  }

  static Repository read(Path root) {
    return read(root, root);
  }

  /** The repository at {@code root}; packages may be anywhere below {@code boundary}. */
  static Repository read(Path root, Path boundary) {
    Path repomd = repomd(root);
    Map<String, RepomdData> data = RepomdReader.read(repomd);
    RepomdData primaryData = data.get("primary");
    if (primaryData == null) {
      throw new UserInputException(repomd + ": has no <data type=\"primary\">; a yum"
          + " repository needs its primary metadata: rerun createrepo_c on " + root);
    }
    List<Path> metadata = new ArrayList<>(List.of(repomd));
    List<PrimaryEntry> primary = YumMetadataFile.read(root, repomd, primaryData,
        PrimaryReader::read);
    Path primaryFile = Locations.resolve(root, primaryData.href(), primaryData.place());
    metadata.add(primaryFile);
    Map<String, List<RepositoryFile>> filelists = null;
    RepomdData filelistsData = data.get("filelists");
    if (filelistsData != null) {
      filelists = YumMetadataFile.read(root, repomd, filelistsData, FilelistsReader::read);
      metadata.add(Locations.resolve(root, filelistsData.href(), filelistsData.place()));
    }
    List<RepositoryPackage> packages = new ArrayList<>();
    for (PrimaryEntry e : primary) {
      Path file = Locations.resolve(root, boundary, e.href(), e.place());
      Optional<List<RepositoryFile>> files = Optional.empty();
      if (filelists != null) {
        List<RepositoryFile> list =
            filelists.get(FilelistsReader.key(e.checksum().hex(), e.name(), e.arch()));
        if (list == null) {
          throw new UserInputException(e.place() + ": package " + e.name() + "." + e.arch()
              + " (pkgid " + e.checksum().hex() + ") has no entry in " + metadata.get(2)
              + "; the metadata files do not belong together: rerun createrepo_c on " + root);
        }
        files = Optional.of(list);
      }
      List<Requirement> requires = e.requires().stream().map(Requirement::of).toList();
      packages.add(new RepositoryPackage(e.name(), e.version(), e.arch(), PackageFormat.RPM,
          file, e.href(), Optional.of(e.checksum()), e.size(), e.provides(), requires,
          e.conflicts(), files, "", primaryFile));
    }
    return new Repository(RepositoryLayout.YUM, root, packages, metadata, Optional.empty());
  }
}
