package dev.rdmaforge.pkg;

import java.nio.file.Path;

/**
 * How many bytes a package's files may declare in total: what its compressed payload can
 * plausibly expand to. Real packages stay far below the bound (Debian's linux-image expands its
 * data.tar.xz about 6 times, kernel modules compress 3 to 5 times); a header that declares 10 GB
 * in a package of a few kilobytes is refused before a byte is written, instead of filling the
 * disk or failing only at the end.
 */
final class SizeBudget {
  /**
   * The largest expansion accepted: gzip's own ceiling is about 1032, and no real package comes
   * near it; xz and zstd can exceed it only on pathological content such as runs of zeros.
   */
  static final long MAX_EXPANSION = 1024;
  /** Headroom for tiny payloads (archive headers, padding). */
  static final long SLACK = 1 << 20;

  private final Path file;
  private final long limit;
  private long declared;

  /**
   * A budget for a payload of {@code payloadBytes} bytes stored with {@code compression} in
   * {@code file}.
   */
  SizeBudget(Path file, long payloadBytes, PayloadCompression compression) {
    this.file = file;
    long bytes = Math.max(0, payloadBytes);
    this.limit = compression == PayloadCompression.NONE
        ? bytes
        : Math.min(Long.MAX_VALUE / 2, bytes * MAX_EXPANSION + SLACK);
  }

  /** The total the payload may declare. */
  long limit() {
    return limit;
  }

  /** Adds {@code size} for {@code entry}; refuses it when the total passes the limit. */
  void declare(String entry, long size) {
    if (size < 0 || size > limit - declared) {
      throw PackageProblems.atEntry(file, entry, "declares " + size + " bytes, but the whole"
          + " payload can expand to at most " + limit + " bytes (" + (limit - declared)
          + " left): the size is false", "the package is damaged or built to fill the disk:"
          + " download it again from its repository, and do not install it if it stays so");
    }
    declared += size;
  }
}
