package dev.rdmaforge.testkit.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finding one package file in a bundle's group directories ({@code COMMON}, {@code MLNX_LIBS}). */
final class BundleFiles {
  private BundleFiles() {}

  /** The single file in a group directory of {@code packageDir} whose name matches {@code file}. */
  static Path single(Path bundleDir, Path packageDir, String name, Pattern file) {
    try (Stream<Path> groups = Files.list(packageDir)) {
      List<Path> found = groups.filter(Files::isDirectory)
          .flatMap(BundleFiles::list)
          .filter(p -> file.matcher(p.getFileName().toString()).matches())
          .toList();
      if (found.size() != 1) {
        throw new IllegalArgumentException(
            "the bundle " + bundleDir + " has " + found.size() + " packages named " + name);
      }
      return found.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + packageDir, e);
    }
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }
}
