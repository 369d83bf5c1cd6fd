package dev.rdmaforge.fabric.render;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Why a file could not be written, in words, for messages that name the file already. */
final class IoReasons {
  private IoReasons() {}

  /** The reason alone: NIO's own messages are often just the path. */
  static String describe(IOException ex) {
    if (ex instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (ex instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (ex instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (ex instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (ex instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return ex.getMessage();
  }

  /**
   * Why {@code written} (below {@code base}) could not be written, naming the directory in its
   * way when that is what failed, as the user sees it: below {@code shown}, the output directory
   * (the same as {@code base}, or the staging tree's final name).
   */
  static String why(IOException ex, Path written, Path base, Path shown) {
    String why = describe(ex);
    if (ex instanceof FileSystemException fs && fs.getFile() != null) {
      Path file = Path.of(fs.getFile());
      if (!file.equals(written) && written.startsWith(file) && file.startsWith(base)) {
        return shown.resolve(base.relativize(file)) + ": " + why;
      }
    }
    return why;
  }
}
