package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Package locations from metadata, resolved inside the repository. Metadata is input like any
 * other: a {@code location href="../../etc/x.rpm"}, an absolute path, a URL or a symbolic link
 * out of the tree would make rdmaforge read (and later install) a file the repository does not
 * hold, so each is refused.
 */
final class Locations {
  private static final String FIX = "a repository lists only files below its own directory:"
      + " regenerate the metadata inside the repository (createrepo_c DIR, dpkg-scanpackages)"
      + " and do not use metadata from elsewhere";

  private Locations() {}

  /** The file {@code location} names below {@code root}, which it may not leave. */
  static Path resolve(Path root, String location, String where) {
    return resolve(root, root, location, where);
  }

  /**
   * The file {@code location} names relative to {@code base}; neither the path nor a symbolic
   * link on it may leave {@code boundary} (the repository, or the whole bundle a group of it is
   * in: MLNX_OFED links its groups' packages to {@code ../COMMON}).
   *
   * @param where the metadata file and place, for messages
   */
  static Path resolve(Path base, Path boundary, String location, String where) {
    String text = location.strip();
    if (text.isEmpty()) {
      throw new UserInputException(where + ": an empty package location; " + FIX);
    }
    if (text.startsWith("/") || text.contains("://") || text.indexOf('\0') >= 0
        || text.contains("\\") || (text.length() > 1 && text.charAt(1) == ':')) {
      throw new UserInputException(where + ": location '" + text + "' is absolute or a URL,"
          + " not a path inside the repository " + boundary + "; " + FIX);
    }
    Path inside = boundary.toAbsolutePath().normalize();
    Path file;
    try {
      file = base.toAbsolutePath().normalize().resolve(text).normalize();
    } catch (InvalidPathException e) {
      throw new UserInputException(where + ": location '" + text + "' is not a path; " + FIX,
          e);
    }
    if (!file.startsWith(inside) || file.equals(inside)) {
      throw new UserInputException(where + ": location '" + text + "' leads out of the"
          + " repository " + inside + "; " + FIX);
    }
    if (Files.exists(file)) {
      try {
        Path real = file.toRealPath();
        if (!real.startsWith(inside.toRealPath())) {
          throw new UserInputException(where + ": location '" + text + "' is a symbolic link"
              + " that leads out of the repository " + inside + " (to " + real + "); " + FIX);
        }
      } catch (IOException e) {
        throw new UserInputException(where + ": location '" + text + "' cannot be resolved ("
            + e.getMessage() + "); check the repository's files", e);
      }
    }
    return file;
  }
}
