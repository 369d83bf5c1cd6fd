package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A plain directory of packages: every {@code *.rpm} (source RPMs left out, they install no
 * module) and {@code *.deb} below it, in sorted path order, each described by its own header.
 */
final class PackageDirectories {
  private PackageDirectories() {}

  /** The binary package files below {@code dir}, sorted. */
  static List<Path> packageFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(PackageDirectories::isBinaryPackageName)
          .sorted().toList();
    } catch (IOException e) {
      throw new UserInputException(dir + ": cannot be listed (" + e.getMessage() + "); check"
          + " that it is a readable directory", e);
    }
  }

  /** Whether {@code file}'s name is that of a binary package. */
  static boolean isBinaryPackageName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".deb") || (name.endsWith(".rpm") && !name.endsWith(".src.rpm"));
  }

  /** The packages below {@code dir}, read from their headers, placed in {@code group}. */
  static List<RepositoryPackage> read(Path dir, Path boundary, String group) {
    return read(packageFiles(dir), dir, boundary, group);
  }

  /** {@code files}, found below {@code dir}, read from their headers. */
  static List<RepositoryPackage> read(
      List<Path> files, Path dir, Path boundary, String group) {
    List<RepositoryPackage> packages = new ArrayList<>();
    for (Path found : files) {
      String location = dir.relativize(found).toString();
      Path file = Locations.resolve(dir, boundary, location, found.toString());
      packages.add(describe(Packages.read(file), location, group));
    }
    return packages;
  }

  static Repository read(Path dir) {
    return new Repository(RepositoryLayout.DIRECTORY, dir, read(dir, dir, ""), List.of(),
        Optional.empty());
  }

  private static RepositoryPackage describe(PackageFile pkg, String location, String group) {
    List<RepositoryFile> files = new ArrayList<>();
    for (PackagedFile f : pkg.files()) {
      RepositoryFile.Kind kind = f.ghost() ? RepositoryFile.Kind.GHOST
          : f.type() == dev.rdmaforge.pkg.FileType.DIR ? RepositoryFile.Kind.DIR
          : RepositoryFile.Kind.FILE;
      files.add(new RepositoryFile(f.path(), kind));
    }
    return new RepositoryPackage(pkg.name(), pkg.version(), pkg.arch(), pkg.format(),
        pkg.source(), location, Optional.empty(), OptionalLong.empty(), pkg.provides(),
        pkg.requires(), pkg.conflicts(), Optional.of(files), group, pkg.source());
  }
}
