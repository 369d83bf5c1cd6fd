package dev.rdmaforge.image.initramfs;

/**
 * The fields of a {@code newc}/{@code crc} header that matter here.
 *
 * @param name the stored name
 * @param mode the full mode (type and permission bits)
 * @param ino inode number, with {@code devMajor}/{@code devMinor} the identity of a hard link group
 * @param devMajor device major of the file's file system
 * @param devMinor device minor of the file's file system
 * @param nlink link count
 * @param fileSize content bytes that follow the name
 * @param offset where the header starts, for messages (see {@link CpioStreamReader})
 */
record CpioHeader(
    String name, long mode, long ino, long devMajor, long devMinor, long nlink, long fileSize,
    long offset) {

  EntryType type() {
    return EntryType.of(mode);
  }
}
