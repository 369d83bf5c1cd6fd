package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;

/**
 * How a metadata file is compressed, from its name as createrepo_c and apt name them, checked
 * against its first bytes.
 */
enum MetadataCompression {
  /** Plain text: {@code primary.xml}, {@code Packages}. */
  NONE("", new int[0]),
  /** {@code .gz}: createrepo_c's default, {@code Packages.gz}. */
  GZIP(".gz", new int[] {0x1f, 0x8b}),
  /** {@code .zst}: createrepo_c 1.x's default on Fedora and RHEL 10. */
  ZSTD(".zst", new int[] {0x28, 0xb5, 0x2f, 0xfd}),
  /** {@code .xz}: {@code Packages.xz}, createrepo_c {@code --compress-type xz}. */
  XZ(".xz", new int[] {0xfd, '7', 'z', 'X', 'Z', 0x00}),
  /** {@code .bz2}: old createrepo's sqlite files, {@code Packages.bz2}. */
  BZIP2(".bz2", new int[] {'B', 'Z', 'h'});

  private final String suffix;
  private final int[] magic;

  MetadataCompression(String suffix, int[] magic) {
    this.suffix = suffix;
    this.magic = magic;
  }

  /** The file-name suffix, e.g. {@code .gz}. */
  String suffix() {
    return suffix;
  }

  /**
   * The compression of a file named {@code name}, whose plain form ends with {@code plainEnd}
   * ({@code .xml} for yum metadata, {@code Packages} for apt).
   *
   * @throws UserInputException for a suffix rdmaforge cannot decompress (zchunk, lz4, ...)
   */
  static MetadataCompression fromName(String where, String name, String plainEnd) {
    if (name.endsWith(plainEnd)) {
      return NONE;
    }
    for (MetadataCompression c : values()) {
      if (c != NONE && name.endsWith(plainEnd + c.suffix)) {
        return c;
      }
    }
    throw new UserInputException(where + ": '" + name + "' has an unknown compression (its name"
        + " does not end with " + plainEnd + ", " + plainEnd + ".gz, .zst, .xz or .bz2);"
        + " rdmaforge reads gzip, zstd, xz and bzip2 metadata: regenerate it with"
        + " createrepo_c --compress-type gz");
  }

  /** Whether {@code head} (the first {@code n} bytes of the file) starts as this compression. */
  boolean matches(byte[] head, int n) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Checks that {@code file} starts with this compression's magic. */
  void checkMagic(Path file, byte[] head, int n) {
    if (this != NONE && !matches(head, n)) {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < Math.min(n, 6); i++) {
        hex.append(String.format("%02X ", head[i] & 0xff));
      }
      throw new UserInputException(file + ": byte 0: the name says " + name().toLowerCase(
          java.util.Locale.ROOT) + ", but the file starts with " + hex.toString().strip()
          + "; the file is damaged or was replaced: regenerate the repository metadata");
    }
  }
}
