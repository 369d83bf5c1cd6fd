package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * apt repositories in a directory: flat ({@code Packages*} next to the packages, as {@code
 * dpkg-scanpackages DIR > Packages} makes it) or the archive form {@code
 * dists/SUITE/COMPONENT/binary-ARCH/Packages*}, whose Filename fields are relative to the
 * directory holding {@code dists/} (where {@code pool/} is). Where a suite has a {@code Release}
 * file, each Packages file read must be listed in it with its size and checksum.
 */
final class AptRepositories {
  /** The names tried for an index, the first present is read. */
  static final List<String> INDEX_NAMES =
      List.of("Packages.xz", "Packages.gz", "Packages.zst", "Packages.bz2", "Packages");

  private AptRepositories() {}

  /** The index of a flat repository in {@code dir}, if there is one. */
  static Optional<Path> index(Path dir) {
    for (String name : INDEX_NAMES) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  static boolean isArchive(Path dir) {
    return Files.isDirectory(dir.resolve("dists"));
  }

  /** A flat repository: {@code dir/Packages*}, locations relative to {@code dir}. */
  static Repository readFlat(Path dir) {
    return readFlat(dir, dir);
  }

  /** {@link #readFlat(Path)} with packages anywhere below {@code boundary}. */
  static Repository readFlat(Path dir, Path boundary) {
    Path index = index(dir).orElseThrow(() -> new UserInputException(dir + ": has no Packages,"
        + " Packages.gz or Packages.xz; make one with 'dpkg-scanpackages . > Packages'"));
    List<RepositoryPackage> packages = AptPackagesReader.read(index, dir, boundary, "");
    return new Repository(RepositoryLayout.APT, dir, packages, List.of(index), Optional.empty());
  }

  /** Every {@code dists/SUITE/.../binary-ARCH/} index below {@code dir}, in path order. */
  static Repository readArchive(Path dir) {
    List<Path> indexes = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir.resolve("dists"), 6)) {
      for (Path binary : walk.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().startsWith("binary-")).sorted().toList()) {
        index(binary).ifPresent(indexes::add);
      }
    } catch (IOException e) {
      throw new UserInputException(dir.resolve("dists") + ": cannot be listed ("
          + e.getMessage() + ")", e);
    }
    if (indexes.isEmpty()) {
      throw new UserInputException(dir.resolve("dists") + ": no"
          + " SUITE/COMPONENT/binary-ARCH/Packages file below it; make them with apt-ftparchive"
          + " or reprepro, or give a flat repository");
    }
    List<Path> metadata = new ArrayList<>();
    List<RepositoryPackage> packages = new ArrayList<>();
    for (Path index : indexes) {
      Path suite = dir.resolve("dists").resolve(dir.resolve("dists").relativize(index)
          .getName(0));
      ReleaseFile.check(suite, index).ifPresent(release -> {
        if (!metadata.contains(release)) {
          metadata.add(release);
        }
      });
      metadata.add(index);
      packages.addAll(AptPackagesReader.read(index, dir, dir, ""));
    }
    return new Repository(RepositoryLayout.APT, dir, packages, metadata, Optional.empty());
  }
}
