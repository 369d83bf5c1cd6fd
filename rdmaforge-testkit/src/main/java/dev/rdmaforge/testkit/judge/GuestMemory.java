package dev.rdmaforge.testkit.judge;

/**
 * The guest's memory for an initramfs. The kernel holds the archive and its unpacked copy at once
 * (measured: a 12 MB archive needs 112 MiB, a 21 MB one 128 MiB, a 28 MB one 160 MiB; below that
 * {@code Initramfs unpacking failed: write error} or {@code System is deadlocked on memory}), then
 * the loaded modules' own copies. The formula leaves about 100 MiB to spare at 28 MB.
 */
final class GuestMemory {

  /** The recipe's floor: room for the kernel, its page tables and the tools. */
  static final int MINIMUM_MIB = 256;

  private GuestMemory() {}

  /** {@code max(256, 128 + 4 x content MiB)} rounded up to 64 MiB. */
  static int mebibytes(NewcArchive.Stats stats) {
    long contentMib = (stats.contentBytes() + (1 << 20) - 1) >> 20;
    long wanted = 128 + 4 * contentMib;
    long rounded = (wanted + 63) / 64 * 64;
    return (int) Math.max(MINIMUM_MIB, rounded);
  }
}
