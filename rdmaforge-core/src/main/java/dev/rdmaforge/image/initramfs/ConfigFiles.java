package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Finding and reading a generator's configuration files inside an image root. */
final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * The files of drop-in directories (relative to {@code root}) matching {@code accept}, sorted
   * by base name; a base name found in an earlier directory masks the same name in later ones.
   */
  static List<String> dropIns(Path root, Predicate<String> accept, String... dirs) {
    TreeMap<String, String> byName = new TreeMap<>();
    for (String dir : dirs) {
      Path d = root.resolve(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (accept.test(name) && Files.isRegularFile(f)) {
            byName.putIfAbsent(name, dir + "/" + name);
          }
        }
      } catch (IOException e) {
        throw unreadable(root, dir, e);
      }
    }
    return new ArrayList<>(byName.values());
  }

  static List<String> lines(Path root, String relative) {
    try {
      return Files.readAllLines(root.resolve(relative));
    } catch (IOException e) {
      throw unreadable(root, relative, e);
    }
  }

  static UserInputException unreadable(Path root, String relative, IOException e) {
    return new UserInputException(root.resolve(relative) + ": cannot read: " + e.getMessage()
        + "; check the image root's permissions", e);
  }
}
