package dev.rdmaforge.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report file so that nothing is lost on failure: the bytes go to a temporary file in the
 * same directory, which is then renamed over the target. A reader sees the old file or the new
 * one, never half of either.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes {@code content} to {@code target}; bad paths are the user's to fix (exit 2). */
  public static void write(Path target, byte[] content) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserInputException(target + ": the directory " + dir
          + " does not exist; create it or choose another output path");
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
      Files.write(temp, content);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UserInputException(target + ": cannot write: " + e.getMessage()
          + "; check the directory's permissions and free space");
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
    }
  }
}
