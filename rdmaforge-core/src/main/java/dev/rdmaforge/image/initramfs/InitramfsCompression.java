package dev.rdmaforge.image.initramfs;

/**
 * How one segment of an initramfs is stored. The kernel's {@code lib/decompress.c} recognises a
 * compressed segment by its first two bytes; an uncompressed cpio archive starts with {@code '0'}
 * (of {@code 070701}) at a 4-byte aligned offset.
 */
public enum InitramfsCompression {
  /** A plain cpio archive (the early-microcode part of most initrds). */
  NONE("cpio"),
  /** gzip, magic {@code 1f 8b}. */
  GZIP("gzip"),
  /** bzip2, magic {@code BZ}. */
  BZIP2("bzip2"),
  /** The legacy {@code .lzma} ("alone") format, magic {@code 5d 00}. */
  LZMA("lzma"),
  /** xz, magic {@code fd 37}. */
  XZ("xz"),
  /** lz4's legacy frame ({@code lz4 -l}, what the kernel reads), magic {@code 02 21}. */
  LZ4_LEGACY("lz4"),
  /** zstd, magic {@code 28 b5}. */
  ZSTD("zstd");

  private final String toolName;

  InitramfsCompression(String toolName) {
    this.toolName = toolName;
  }

  /** The name initramfs generators use for it ({@code COMPRESS=zstd}, {@code --compress=xz}). */
  public String toolName() {
    return toolName;
  }

  /**
   * The format starting at {@code pos} by its two magic bytes, as the kernel decides; null when
   * nothing matches. LZO ({@code 89 4c}) is recognised by the kernel but not read here.
   */
  static InitramfsCompression detect(byte[] data, int pos) {
    if (pos + 1 >= data.length) {
      return null;
    }
    int a = data[pos] & 0xff;
    int b = data[pos + 1] & 0xff;
    if (a == 0x1f && b == 0x8b) {
      return GZIP;
    }
    if (a == 'B' && b == 'Z') {
      return BZIP2;
    }
    if (a == 0x5d && b == 0x00) {
      return LZMA;
    }
    if (a == 0xfd && b == 0x37) {
      return XZ;
    }
    if (a == 0x02 && b == 0x21) {
      return LZ4_LEGACY;
    }
    if (a == 0x28 && b == 0xb5) {
      return ZSTD;
    }
    return null;
  }

  /** A name for magic bytes the kernel knows but this reader does not, else null. */
  static String unsupportedName(byte[] data, int pos) {
    if (pos + 1 >= data.length) {
      return null;
    }
    int a = data[pos] & 0xff;
    int b = data[pos + 1] & 0xff;
    if (a == 0x89 && b == 0x4c) {
      return "lzo";
    }
    if (a == 0x1f && b == 0x9e) {
      return "old gzip (1f 9e)";
    }
    return null;
  }
}
