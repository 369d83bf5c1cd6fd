package dev.rdmaforge.kmod;

/**
 * How a module file is compressed on disk. Debian's kmod 30 is built with XZ and ZSTD but without
 * zlib, so a gzip-compressed module is not readable there and has no constant here.
 */
public enum Compression {
  /** A plain ELF file, usually named {@code .ko}. */
  NONE(".ko"),
  /** An xz stream (magic {@code FD 37 7A 58 5A 00}), usually named {@code .ko.xz}. */
  XZ(".ko.xz"),
  /** A zstd frame (magic {@code 28 B5 2F FD}), usually named {@code .ko.zst}. */
  ZSTD(".ko.zst");

  private final String fileSuffix;

  Compression(String fileSuffix) {
    this.fileSuffix = fileSuffix;
  }

  /** The file name suffix kernel builds use for this compression, e.g. {@code ".ko.zst"}. */
  public String fileSuffix() {
    return fileSuffix;
  }
}
