package dev.rdmaforge.kernel.keys;

import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;

/**
 * The parts of the x86 boot protocol's setup header ({@code arch/x86/boot/header.S}) that locate
 * the compressed kernel: {@code setup_sects} at 0x1f1 (0 means 4), the magic {@code "HdrS"} at
 * 0x202, the protocol version at 0x206 (2.08 or later has the payload fields), {@code
 * payload_offset} at 0x248 and {@code payload_length} at 0x24c. The payload offset counts from the
 * protected-mode kernel, which starts after the {@code setup_sects + 1} sectors of real-mode code.
 * An EFI-signed image (Debian's vmlinuz starts with "MZ") keeps the same header.
 *
 * @param payloadStart where the compressed payload starts in the file
 * @param payloadLength its length in bytes
 */
record BzImageHeader(long payloadStart, long payloadLength) {
  static final int SETUP_SECTS = 0x1f1;
  static final int MAGIC = 0x202;
  static final int VERSION = 0x206;
  static final int PAYLOAD_OFFSET = 0x248;
  static final int PAYLOAD_LENGTH = 0x24c;
  static final int HEADER_END = 0x250;
  private static final int SECTOR = 512;

  /** Reads the header from the first {@link #HEADER_END} bytes of a file of {@code fileSize}. */
  static BzImageHeader read(Path file, byte[] head, long fileSize) {
    if (head.length < HEADER_END) {
      throw new UserInputException(file + ": the file is only " + fileSize + " bytes long, too"
          + " short for a bzImage setup header (0x" + Integer.toHexString(HEADER_END) + " bytes)"
          + " or an ELF vmlinux; give the kernel image (/boot/vmlinuz-KVER)");
    }
    if (head[MAGIC] != 'H' || head[MAGIC + 1] != 'd' || head[MAGIC + 2] != 'r'
        || head[MAGIC + 3] != 'S') {
      throw new UserInputException(file + ": byte 0x" + Integer.toHexString(MAGIC) + ": no"
          + " bzImage setup header (the magic \"HdrS\" is missing) and no ELF header at byte 0:"
          + " this is neither an x86 kernel image nor a vmlinux; give /boot/vmlinuz-KVER of the"
          + " image, or its certificates with --trusted-cert");
    }
    int version = u16(head, VERSION);
    if (version < 0x208) {
      throw new UserInputException(file + ": byte 0x" + Integer.toHexString(VERSION) + ": boot"
          + " protocol " + (version >> 8) + "." + (version & 0xff) + " has no payload fields"
          + " (2.08 or later, Linux 2.6.26+); decompress the kernel with scripts/extract-vmlinux"
          + " and give the vmlinux instead");
    }
    int setupSectors = head[SETUP_SECTS] & 0xff;
    if (setupSectors == 0) {
      setupSectors = 4;
    }
    long offset = u32(head, PAYLOAD_OFFSET);
    long length = u32(head, PAYLOAD_LENGTH);
    long start = (setupSectors + 1L) * SECTOR + offset;
    if (length < 8 || start + length > fileSize) {
      throw new UserInputException(file + ": byte 0x" + Integer.toHexString(PAYLOAD_OFFSET)
          + ": the payload (" + length + " bytes at byte " + start + ") does not fit in the file ("
          + fileSize + " bytes): the image is truncated or damaged; copy it again from the"
          + " kernel package");
    }
    return new BzImageHeader(start, length);
  }

  private static int u16(byte[] data, int offset) {
    return (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8;
  }

  static long u32(byte[] data, int offset) {
    return (data[offset] & 0xffL) | (data[offset + 1] & 0xffL) << 8
        | (data[offset + 2] & 0xffL) << 16 | (data[offset + 3] & 0xffL) << 24;
  }
}
