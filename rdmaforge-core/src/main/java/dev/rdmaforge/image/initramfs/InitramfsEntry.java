package dev.rdmaforge.image.initramfs;

import java.util.Objects;

/**
 * One member of an initramfs, as {@code cpio -t} lists it.
 *
 * @param path the name exactly as stored in the archive (often without a leading {@code ./})
 * @param type the file type
 * @param mode the permission bits ({@code 07777}: set-id, sticky, rwx)
 * @param size the content size in bytes; for a regular file that is a hard link written without
 *     data (cpio stores the data once, with the last link), the size of the data its link group
 *     carries
 * @param sha256 lower-case hex SHA-256 of a regular file's content, null for other types
 * @param linkTarget the target of a symbolic link, null for other types
 * @param segment index of the {@link InitramfsSegment} the entry was read from
 */
public record InitramfsEntry(
    String path,
    EntryType type,
    int mode,
    long size,
    String sha256,
    String linkTarget,
    int segment) {

  /** Requires path and type. */
  public InitramfsEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
  }

  /**
   * The path as the unpacked file system sees it: relative to {@code /}, without {@code ./} or a
   * leading {@code /} ({@code "."} for the root itself).
   */
  public String normalizedPath() {
    return normalize(path);
  }

  static String normalize(String path) {
    String p = path;
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.startsWith("./") ? p.substring(2) : p.substring(1);
    }
    return p.isEmpty() ? "." : p;
  }
}
