package dev.rdmaforge.fabric.render;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The directories one writer thread has made or found, so each is created with one mkdir and
 * never checked again: a 10,000-node fabric has 150,000 of them, and on a disk each file-system
 * call counts. Not shared between threads (each node is written by one thread).
 */
final class NodeDirectories {
  private final Set<Path> known = new HashSet<>();

  /** {@code base} exists already (the output or staging directory). */
  NodeDirectories(Path base) {
    known.add(base);
  }

  /** Creates {@code dir} and its missing parents below the base, each at most once. */
  void ensure(Path dir) throws IOException {
    if (known.contains(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      ensure(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException ex) {
      // an existing output tree: fine if it is a directory
      if (!Files.isDirectory(dir)) {
        throw new NotDirectoryException(dir.toString());
      }
    }
    known.add(dir);
  }
}
