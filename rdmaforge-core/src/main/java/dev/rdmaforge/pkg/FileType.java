package dev.rdmaforge.pkg;

/**
 * The kinds of entries a package may install. Device nodes, FIFOs and sockets are refused when a
 * package is read: no kernel-module package needs them, and creating them is a privilege.
 */
public enum FileType {
  /** A regular file with content. */
  FILE,
  /** A directory. */
  DIR,
  /** A symbolic link; {@link PackagedFile#linkTarget()} is its target as stored. */
  SYMLINK,
  /**
   * A further name of a regular file of the same package; {@link PackagedFile#linkTarget()} is the
   * package path of the {@link #FILE} entry that carries the content.
   */
  HARDLINK
}
