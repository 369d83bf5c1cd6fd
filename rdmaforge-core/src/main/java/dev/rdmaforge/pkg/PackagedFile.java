package dev.rdmaforge.pkg;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a package's file list.
 *
 * @param path where it is installed, relative to the root: {@code /}-separated, without a leading
 *     {@code /} or {@code ./}, without {@code .}, {@code ..} or empty components (e.g. {@code
 *     lib/modules/6.1.0-56-amd64/extra/mlx5_ib.ko})
 * @param type what it is
 * @param mode the full {@code st_mode}: type bits and permissions, e.g. {@code 0100644}
 * @param size the content size in bytes (a hard link: its file's size; a symbolic link: the
 *     target's length; a directory: 0)
 * @param linkTarget a symbolic link's target as stored (may be absolute), or a hard link's file
 *     (a package path as in {@code path})
 * @param digest the content digest the package records (RPM {@code FILEDIGESTS}, DEB {@code
 *     md5sums}), for regular files and hard links
 * @param config RPM {@code %config} (FILEFLAGS bit 0) or listed in a DEB's {@code conffiles}
 * @param ghost RPM {@code %ghost}: owned by the package but not in its payload, never extracted
 */
public record PackagedFile(
    String path,
    FileType type,
    int mode,
    long size,
    Optional<String> linkTarget,
    Optional<FileDigest> digest,
    boolean config,
    boolean ghost) {

  /** {@code st_mode} type bits of a regular file. */
  public static final int S_IFREG = 0100000;
  /** {@code st_mode} type bits of a directory. */
  public static final int S_IFDIR = 0040000;
  /** {@code st_mode} type bits of a symbolic link. */
  public static final int S_IFLNK = 0120000;
  /** The mask of the type bits. */
  public static final int S_IFMT = 0170000;

  /** Validates the parts: a normal path, type bits matching the type, a target for links. */
  public PackagedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(linkTarget, "linkTarget");
    Objects.requireNonNull(digest, "digest");
    if (PackagePaths.problem(path) != null) {
      throw new IllegalArgumentException("not a normal package path: '" + path + "': "
          + PackagePaths.problem(path));
    }
    if ((mode & S_IFMT) != typeBits(type)) {
      throw new IllegalArgumentException(path + ": mode 0" + Integer.toOctalString(mode)
          + " does not match type " + type);
    }
    if (size < 0) {
      throw new IllegalArgumentException(path + ": negative size");
    }
    boolean link = type == FileType.SYMLINK || type == FileType.HARDLINK;
    if (link != linkTarget.isPresent()) {
      throw new IllegalArgumentException(path + ": a link target goes with links only");
    }
  }

  /** The {@code st_mode} type bits of {@code type}. */
  public static int typeBits(FileType type) {
    switch (type) {
      case DIR:
        return S_IFDIR;
      case SYMLINK:
        return S_IFLNK;
      default:
        return S_IFREG;
    }
  }

  /** The permission bits ({@code mode & 07777}). */
  public int permissions() {
    return mode & 07777;
  }

  /** The path as installed: {@code /} followed by {@link #path()}. */
  public String absolutePath() {
    return "/" + path;
  }
}
