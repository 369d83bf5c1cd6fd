package dev.rdmaforge.fabric.render;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes rendered files below an output directory as {@code DIR/<node>/<path>}. Each file is
 * written to a temporary file in its target directory and then moved into place, so a reader (or
 * a crash) never sees half a file.
 */
public final class RenderWriter {
  private RenderWriter() {}

  /** Writes every file; returns the paths written. */
  public static List<Path> write(Path dir, List<RenderedFile> files) {
    Path root = dir.toAbsolutePath().normalize();
    return files.stream().map(f -> writeOne(root, f)).toList();
  }

  private static Path writeOne(Path root, RenderedFile f) {
    Path target = root.resolve(f.relativePath().substring(0)).normalize();
    if (!target.startsWith(root)) {
      throw new UserInputException(f.node() + ": node name would write outside " + root
          + "; rename the node");
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, f.content(), StandardCharsets.UTF_8);
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException ex) {
      throw new UserInputException(target + ": cannot write: " + ex.getMessage()
          + "; check that the output directory is writable", ex);
    }
  }
}
