package dev.rdmaforge.kernel.keys;

/**
 * How a bzImage's payload (the compressed {@code vmlinux}) is compressed, recognised by its first
 * bytes as {@code scripts/extract-vmlinux} does. Every kernel compressor but gzip appends the
 * uncompressed size as four little-endian bytes ({@code size_append}); gzip's own trailer ends with
 * the same value, so the last four payload bytes always give the decompressed size.
 */
public enum KernelCompression {
  /** Not compressed: the file is a {@code vmlinux} ELF image itself. */
  NONE(new byte[] {0x7f, 'E', 'L', 'F'}),
  /** {@code CONFIG_KERNEL_GZIP}. */
  GZIP(new byte[] {0x1f, (byte) 0x8b}),
  /** {@code CONFIG_KERNEL_BZIP2}. */
  BZIP2(new byte[] {'B', 'Z', 'h'}),
  /** {@code CONFIG_KERNEL_LZMA}: the legacy {@code .lzma} format. */
  LZMA(new byte[] {0x5d, 0x00, 0x00}),
  /** {@code CONFIG_KERNEL_XZ}: an xz stream with the x86 BCJ filter (Debian 12's 6.1 kernels). */
  XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00}),
  /** {@code CONFIG_KERNEL_LZO}: lzop's format; rdmaforge cannot decompress it. */
  LZO(new byte[] {(byte) 0x89, 'L', 'Z', 'O', 0x00, '\r', '\n', 0x1a, '\n'}),
  /** {@code CONFIG_KERNEL_LZ4}: the LZ4 legacy frame ({@code lz4 -l}). */
  LZ4(new byte[] {0x02, 0x21, 0x4c, 0x18}),
  /** {@code CONFIG_KERNEL_ZSTD} (Debian's 6.12 backports). */
  ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

  private final byte[] magic;

  KernelCompression(byte[] magic) {
    this.magic = magic;
  }

  /** Whether {@code data} at {@code offset} starts with this format's magic bytes. */
  boolean matches(byte[] data, int offset) {
    if (offset < 0 || offset + magic.length > data.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (data[offset + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The compression whose magic starts at {@code offset}, or null. */
  static KernelCompression detect(byte[] data, int offset) {
    for (KernelCompression compression : values()) {
      if (compression.matches(data, offset)) {
        return compression;
      }
    }
    return null;
  }
}
