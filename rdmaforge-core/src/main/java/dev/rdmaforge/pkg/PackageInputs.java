package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The package files a user named: a file stands for itself, a directory for every binary package
 * below it ({@code *.rpm} and {@code *.deb}; source RPMs are left out, since they install no
 * module). The order is the user's, and within a directory the sorted path order, so that two runs
 * over the same inputs see the packages in the same order.
 */
public final class PackageInputs {
  private PackageInputs() {}

  /** The package files {@code inputs} stand for; a name that does not exist is an input error. */
  public static List<Path> expand(List<Path> inputs) {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        files.addAll(inDirectory(input));
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new UserInputException(input + ": no such package file or directory; give .rpm or"
            + " .deb files, or directories holding them");
      }
    }
    return List.copyOf(files);
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
      throw new UserInputException(dir + ": cannot be listed (" + e.getMessage() + "); check that"
          + " it is a readable directory", e);
    }
  }

  private static boolean isBinaryPackageName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".deb") || (name.endsWith(".rpm") && !name.endsWith(".src.rpm"));
  }
}
