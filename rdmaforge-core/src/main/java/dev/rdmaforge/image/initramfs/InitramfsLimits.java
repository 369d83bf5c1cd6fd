package dev.rdmaforge.image.initramfs;

/**
 * Bounds against hostile or damaged input. Nothing is extracted, so only memory and work need
 * bounding: the file is held in memory once, file contents are hashed as they stream past, and
 * only the module files a caller asks for are kept.
 *
 * @param maxFileSize largest initramfs file accepted (bytes)
 * @param maxDecompressed largest total of cpio data decoded from all segments (bytes); a zip bomb
 *     stops here
 * @param maxEntries most entries accepted
 * @param maxKeptFile largest single member kept in memory for a caller (a module, modules.dep)
 */
public record InitramfsLimits(
    long maxFileSize, long maxDecompressed, int maxEntries, int maxKeptFile) {

  /** 1 GiB file, 8 GiB of cpio data, 1,000,000 entries, 256 MiB per kept member. */
  public static InitramfsLimits defaults() {
    return new InitramfsLimits(1L << 30, 8L << 30, 1_000_000, 256 << 20);
  }

  /** Validates that every bound is positive and the file fits a Java array. */
  public InitramfsLimits {
    if (maxFileSize <= 0 || maxFileSize > Integer.MAX_VALUE - 16 || maxDecompressed <= 0
        || maxEntries <= 0 || maxKeptFile <= 0) {
      throw new IllegalArgumentException("initramfs limits must be positive (file < 2 GiB)");
    }
  }
}
