package dev.rdmaforge.pkg;

import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The package files a user named: a file stands for itself; a directory that is a repository
 * (yum {@code repodata/}, apt {@code Packages}/{@code dists/}, an MLNX_OFED bundle) for exactly
 * the packages its metadata lists, in metadata order; any other directory for every binary
 * package below it ({@code *.rpm} and {@code *.deb}; source RPMs are left out, since they install
 * no module), in sorted path order. A file reached twice (a bundle links its COMMON packages
 * into the library groups) is given once, so that two runs over the same inputs see the same
 * packages in the same order.
 */
public final class PackageInputs {
  private PackageInputs() {}

  /** The package files {@code inputs} stand for; a name that does not exist is an input error. */
  public static List<Path> expand(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        files.addAll(Repositories.layout(input) == RepositoryLayout.DIRECTORY
            ? inDirectory(input) : listed(input));
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new UserInputException(input + ": no such package file or directory; give .rpm or"
            + " .deb files, or directories holding them");
      }
    }
    return List.copyOf(files);
  }

  /** The files a repository's metadata lists, each once (by its real path). */
  private static List<Path> listed(Path dir) {
    Repository repo = Repositories.open(dir);
    Set<Path> seen = new LinkedHashSet<>();
    List<Path> files = new ArrayList<>();
    for (RepositoryPackage p : repo.packages()) {
      if (seen.add(realPath(p.file()))) {
        files.add(p.file());
      }
    }
    if (files.isEmpty()) {
      throw new UserInputException(dir + ": the " + repo.layout() + " repository lists no"
          + " package (" + repo.metadata() + "); regenerate its metadata over the packages");
    }
    return files;
  }

  private static Path realPath(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  private static List<Path> inDirectory(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> found = walk.filter(Files::isRegularFile)
          .filter(PackageInputs::isBinaryPackageName)
          .sorted()
          .toList();
      if (found.isEmpty()) {
        throw new UserInputException(dir + ": holds no .rpm or .deb package; give the directory"
            + " that holds the packages (for a bundle, its RPMS/ or DEBS/ directory)");
      }
      return found;
    } catch (IOException e) {
      throw unlistable(dir, e);
    } catch (UncheckedIOException e) {
      // Files.walk reports what goes wrong below the top (a subdirectory removed or unreadable
      // while it is walked) this way.
      throw unlistable(dir, e.getCause());
    }
  }

  private static UserInputException unlistable(Path dir, IOException e) {
    return new UserInputException(dir + ": cannot be listed (" + e + "); check that it is a"
        + " readable directory that nothing else changes while rdmaforge reads it", e);
  }

  private static boolean isBinaryPackageName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".deb") || (name.endsWith(".rpm") && !name.endsWith(".src.rpm"));
  }
}
