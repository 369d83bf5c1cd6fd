package dev.rdmaforge.testkit.modules;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds a section's file range in a little-endian ELF64 image (every x86-64 module). Just enough
 * ELF to pick a harmless byte to flip; the test kit does not use rdmaforge's own reader for its
 * fixtures, so a bug there cannot hide in the fixtures too.
 */
final class ElfSections {

  /**
   * A section's bytes in the file.
   *
   * @param offset {@code sh_offset}
   * @param size {@code sh_size}
   */
  record Range(long offset, long size) {}

  private static final int EI_CLASS = 4;
  private static final int EI_DATA = 5;
  private static final int ELFCLASS64 = 2;
  private static final int ELFDATA2LSB = 1;
  private static final int SHT_NOBITS = 8;

  private ElfSections() {}

  /**
   * The range of the first section named {@code name} in {@code elf}.
   *
   * @throws IllegalArgumentException when {@code elf} is not a little-endian ELF64 image
   */
  static Optional<Range> find(byte[] elf, int elfLength, String name) {
    if (elfLength < 64
        || elf[0] != 0x7f
        || elf[1] != 'E'
        || elf[2] != 'L'
        || elf[3] != 'F'
        || elf[EI_CLASS] != ELFCLASS64
        || elf[EI_DATA] != ELFDATA2LSB) {
      throw new IllegalArgumentException("not a little-endian ELF64 image");
    }
    ByteBuffer buffer = ByteBuffer.wrap(elf, 0, elfLength).order(ByteOrder.LITTLE_ENDIAN);
    long shoff = buffer.getLong(0x28);
    int shentsize = Short.toUnsignedInt(buffer.getShort(0x3A));
    int shnum = Short.toUnsignedInt(buffer.getShort(0x3C));
    int shstrndx = Short.toUnsignedInt(buffer.getShort(0x3E));
    if (shoff <= 0 || shentsize < 64 || shoff + (long) shnum * shentsize > elfLength) {
      throw new IllegalArgumentException("section header table outside the image");
    }
    long namesOffset = buffer.getLong(header(shoff, shentsize, shstrndx) + 0x18);
    byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < shnum; i++) {
      int header = header(shoff, shentsize, i);
      int nameAt = (int) (namesOffset + Integer.toUnsignedLong(buffer.getInt(header)));
      if (buffer.getInt(header + 4) != SHT_NOBITS && matches(elf, nameAt, wanted, elfLength)) {
        return Optional.of(new Range(buffer.getLong(header + 0x18), buffer.getLong(header + 0x20)));
      }
    }
    return Optional.empty();
  }

  private static int header(long shoff, int shentsize, int index) {
    return Math.toIntExact(shoff + (long) index * shentsize);
  }

  private static boolean matches(byte[] elf, int at, byte[] wanted, int elfLength) {
    if (at < 0 || at + wanted.length >= elfLength) {
      return false;
    }
    for (int i = 0; i < wanted.length; i++) {
      if (elf[at + i] != wanted[i]) {
        return false;
      }
    }
    return elf[at + wanted.length] == 0;
  }
}
