package dev.rdmaforge.pkg.repo;

import java.util.Objects;

/**
 * One entry of a package's file list as repository metadata states it (yum's filelists; apt
 * metadata has none).
 *
 * @param path the installed path without its leading {@code /}, as {@link
 *     dev.rdmaforge.pkg.PackagedFile#path()} writes it
 * @param kind what the metadata says it is
 */
public record RepositoryFile(String path, Kind kind) {
  /** What filelists' {@code type} attribute says. */
  public enum Kind {
    /** No type: a file, a symbolic link or a hard link. */
    FILE,
    /** {@code type="dir"}: a directory the package owns. */
    DIR,
    /** {@code type="ghost"}: owned by the package but not in its payload. */
    GHOST
  }

  /** Requires both parts. */
  public RepositoryFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }
}
