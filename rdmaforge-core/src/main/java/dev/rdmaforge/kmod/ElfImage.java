package dev.rdmaforge.kmod;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A kernel module's ELF image, validated with the rules of libkmod's {@code kmod_elf_new}: magic,
 * class, data encoding, header size, section header entry size, section header table inside the
 * image, and a NUL-terminated section name string table. Nothing else is checked up front: like
 * libkmod, sections are looked up by name when needed and a section whose bytes lie outside the
 * image is skipped.
 *
 * <p>Reads are absolute on a shared {@link ByteBuffer} (no position changes), so an instance may be
 * used from one thread at a time only; {@link ModuleReader} creates one per file.
 */
final class ElfImage {
  /** {@code SHN_UNDEF}: an undefined symbol's section index. */
  static final int SHN_UNDEF = 0;
  /** {@code SHN_ABS}: an absolute symbol's section index. */
  static final int SHN_ABS = 0xfff1;

  static final String ADVICE_NOT_A_MODULE =
      "the file is truncated or not a kernel module: reinstall or rebuild it";
  static final String ADVICE_BROKEN_MODULE =
      "kmod 30 aborts on this file, so depmod and modprobe stop: remove the file or rebuild it";

  private static final int EI_NIDENT = 16;
  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

  private final ByteBuffer bytes;
  private final Path file;
  private final String imageNoun;
  private final long size;
  private final boolean elf64;
  private final int machine;
  private final long sectionTableOffset;
  private final int sectionCount;
  private final int sectionEntrySize;
  private final long namesOffset;
  private final long namesSize;
  private final Map<String, Section> foundSections = new HashMap<>();

  private ElfImage(ByteBuffer bytes, Path file, boolean compressed) throws ModuleFormatException {
    this.bytes = bytes;
    this.file = file;
    this.imageNoun = compressed ? "decompressed image" : "file";
    this.size = bytes.limit();
    this.elf64 = identify();
    bytes.order(bytes.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    machine = u16(18);
    sectionTableOffset = word(elf64 ? 40 : 32);
    sectionEntrySize = u16(elf64 ? 58 : 46);
    sectionCount = u16(elf64 ? 60 : 48);
    int namesIndex = u16(elf64 ? 62 : 50);
    checkSectionTable();
    Section names = nameTable(namesIndex);
    namesOffset = names.offset();
    namesSize = names.size();
  }

  /**
   * Validates an image as libkmod's {@code kmod_elf_new} does.
   *
   * @param bytes the whole (decompressed) file, position 0, limit = size; its byte order is set
   * @param file the file, for messages
   * @param compressed whether the bytes were decompressed (changes only the messages)
   * @return the validated image
   * @throws ModuleFormatException when libkmod would reject the image or abort on it
   */
  static ElfImage parse(ByteBuffer bytes, Path file, boolean compressed)
      throws ModuleFormatException {
    return new ElfImage(bytes, file, compressed);
  }

  /** libkmod's {@code elf_identify}; returns whether the class is 64-bit. */
  private boolean identify() throws ModuleFormatException {
    if (size <= EI_NIDENT) {
      throw error(
          size,
          "the " + imageNoun + " is only " + size + " bytes long, too short for an ELF header",
          ADVICE_NOT_A_MODULE,
          KmodOutcome.ENOEXEC);
    }
    if (!startsWith(0, ELF_MAGIC)) {
      String problem = "no ELF magic: the " + imageNoun + " starts with " + hex(0, 4)
          + " instead of 7f 45 4c 46";
      String advice = ADVICE_NOT_A_MODULE;
      if (startsWith(0, GZIP_MAGIC)) {
        problem += " (gzip data)";
        advice = "Debian's kmod 30 is built without zlib and cannot read .ko.gz modules:"
            + " decompress it with gunzip, or recompress it with xz or zstd";
      }
      throw error(0, problem, advice, KmodOutcome.ENOEXEC);
    }
    int elfClass = u8(4);
    long headerSize;
    if (elfClass == 1) {
      headerSize = 52;
    } else if (elfClass == 2) {
      headerSize = 64;
    } else {
      throw error(4, "unknown ELF class " + elfClass + " (1 is 32-bit, 2 is 64-bit)",
          ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    if (size <= headerSize) {
      throw error(size, "the " + imageNoun + " ends inside the ELF header (" + size
          + " bytes; a " + (elfClass == 2 ? 64 : 32) + "-bit header needs more than "
          + headerSize + ")", ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    int encoding = u8(5);
    if (encoding != 1 && encoding != 2) {
      throw error(5, "unknown ELF data encoding " + encoding
          + " (1 is little-endian, 2 is big-endian)", ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    return elfClass == 2;
  }

  private void checkSectionTable() throws ModuleFormatException {
    int expected = elf64 ? 64 : 40;
    if (sectionEntrySize != expected) {
      throw error(elf64 ? 58 : 46, "section header entry size e_shentsize is "
          + sectionEntrySize + ", expected " + expected + " for a " + (elf64 ? 64 : 32)
          + "-bit ELF file", ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    long tableSize = (long) expected * sectionCount;
    long end = sectionTableOffset + tableSize;
    if (sectionTableOffset < 0 || end < 0 || end > size) {
      throw error(sectionTableOffset < 0 || end < 0 ? elf64 ? 40 : 32 : end,
          "section header table (" + sectionCount + " entries at byte "
              + Long.toUnsignedString(sectionTableOffset) + ") ends past the end of the "
              + imageNoun + " (size " + size + ")", ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
  }

  private Section nameTable(int index) throws ModuleFormatException {
    int field = elf64 ? 62 : 50;
    if (index == SHN_UNDEF || index >= sectionCount) {
      throw error(field, "the section name string table index e_shstrndx is " + index
          + (index == SHN_UNDEF ? " (no section)" : ", but there are only " + sectionCount
              + " sections"), ADVICE_BROKEN_MODULE, KmodOutcome.ABORT);
    }
    Section names = sectionInfo(index);
    if (names == null) {
      throw error(sectionHeaderOffset(index), "the section name string table (section " + index
          + ") ends past the end of the " + imageNoun + " (size " + size + ")",
          ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    if (names.offset() >= size) {
      throw error(sectionHeaderOffset(index), "the section name string table (section " + index
          + ") starts at the end of the " + imageNoun, ADVICE_BROKEN_MODULE, KmodOutcome.ABORT);
    }
    if (names.size() == 0 || u8(names.offset() + names.size() - 1) != 0) {
      throw error(names.offset() + names.size(), "the section name string table (section "
          + index + ", " + names.size() + " bytes at byte " + names.offset()
          + ") does not end with a NUL byte", ADVICE_NOT_A_MODULE, KmodOutcome.EINVAL);
    }
    return names;
  }

  /** A new exception about this image. */
  ModuleFormatException error(long offset, String problem, String advice, KmodOutcome outcome) {
    return new ModuleFormatException(file, offset, problem, advice, outcome);
  }

  /** Whether the ELF class is 64-bit. */
  boolean is64() {
    return elf64;
  }

  /** {@code e_machine}, e.g. 62 for x86-64. */
  int machine() {
    return machine;
  }

  /** The size of the whole image, signature included. */
  long size() {
    return size;
  }

  /** The number of sections ({@code e_shnum}). */
  int sectionCount() {
    return sectionCount;
  }

  /** Where section {@code index}'s header starts. */
  long sectionHeaderOffset(int index) {
    return sectionTableOffset + (long) index * sectionEntrySize;
  }

  /**
   * libkmod's {@code elf_get_section_info}: the section's file range, or null when it does not lie
   * inside the image. The index must be between 1 and {@link #sectionCount()} - 1.
   */
  Section sectionInfo(int index) {
    long header = sectionHeaderOffset(index);
    long offset = word(header + (elf64 ? 24 : 16));
    long length = word(header + (elf64 ? 32 : 20));
    long nameOffset = u32(header);
    long end = offset + length;
    if (Long.compareUnsigned(end, offset) < 0 || Long.compareUnsigned(end, size) > 0) {
      return null;
    }
    return new Section(index, offset, length, nameOffset);
  }

  /** The name of section {@code index}, or null when its header is out of range or invalid. */
  String sectionName(int index) {
    if (index <= SHN_UNDEF || index >= sectionCount) {
      return null;
    }
    long nameOffset = u32(sectionHeaderOffset(index));
    return nameOffset < namesSize ? cString(namesOffset + nameOffset) : null;
  }

  /**
   * libkmod's {@code kmod_elf_get_section}: the first section from index 1 on whose range is inside
   * the image and whose name is {@code name}.
   *
   * @return the section, or null when there is none (libkmod's {@code -ENOENT})
   * @throws ModuleFormatException when the section starts at the very end of the image, where
   *     libkmod's {@code elf_get_mem} assertion aborts the process
   */
  Section findSection(String name) throws ModuleFormatException {
    // Each reader looks up the same few names; remember the answers (null included).
    if (foundSections.containsKey(name)) {
      Section known = foundSections.get(name);
      if (known != null && known.offset() >= size) {
        throw atEnd(known, name);
      }
      return known;
    }
    Section section = scanForSection(name);
    foundSections.put(name, section);
    if (section != null && section.offset() >= size) {
      throw atEnd(section, name);
    }
    return section;
  }

  private ModuleFormatException atEnd(Section section, String name) {
    return error(sectionHeaderOffset(section.index()), "section " + section.index() + " (" + name
        + ") starts at the end of the " + imageNoun, ADVICE_BROKEN_MODULE, KmodOutcome.ABORT);
  }

  private Section scanForSection(String name) {
    byte[] wanted = name.getBytes(StandardCharsets.ISO_8859_1);
    for (int index = 1; index < sectionCount; index++) {
      Section section = sectionInfo(index);
      if (section == null || section.nameOffset() >= namesSize) {
        continue;
      }
      long at = namesOffset + section.nameOffset();
      if (!startsWith(at, wanted) || at + wanted.length >= size || u8(at + wanted.length) != 0) {
        continue;
      }
      return section;
    }
    return null;
  }

  /** An unsigned byte. */
  int u8(long offset) {
    return bytes.get(index(offset)) & 0xff;
  }

  /** An unsigned 16-bit value in the image's byte order. */
  int u16(long offset) {
    return bytes.getShort(index(offset)) & 0xffff;
  }

  /** An unsigned 32-bit value in the image's byte order. */
  long u32(long offset) {
    return bytes.getInt(index(offset)) & 0xffff_ffffL;
  }

  /** A 64-bit value in the image's byte order (unsigned, held in a long). */
  long u64(long offset) {
    return bytes.getLong(index(offset));
  }

  /** An address-sized value: 64 bits for ELFCLASS64, 32 bits for ELFCLASS32. */
  long word(long offset) {
    return elf64 ? u64(offset) : u32(offset);
  }

  /**
   * The NUL-terminated string at {@code offset}, one character per byte. Like C's {@code strlen} it
   * runs until a NUL byte, here bounded by the end of the image.
   */
  String cString(long offset) {
    int start = index(offset);
    int end = start;
    int limit = bytes.limit();
    while (end < limit && bytes.get(end) != 0) {
      end++;
    }
    return string(start, end - start);
  }

  /** {@code length} bytes at {@code offset} as a string, one character per byte. */
  String string(long offset, int length) {
    byte[] raw = new byte[length];
    bytes.get(index(offset), raw, 0, length);
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  /** {@code length} bytes at {@code offset}. */
  byte[] slice(long offset, int length) {
    byte[] raw = new byte[length];
    bytes.get(index(offset), raw, 0, length);
    return raw;
  }

  /** Whether the bytes at {@code offset} are {@code prefix} (false if the image ends first). */
  boolean startsWith(long offset, byte[] prefix) {
    if (offset < 0 || offset + prefix.length > size) {
      return false;
    }
    int at = (int) offset;
    ByteBuffer data = bytes;
    for (int i = 0; i < prefix.length; i++) {
      if (data.get(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private String hex(long offset, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count && offset + i < size; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(String.format("%02x", u8(offset + i)));
    }
    return text.toString();
  }

  private static int index(long offset) {
    // Callers check ranges first; an image never exceeds Integer.MAX_VALUE bytes.
    return Math.toIntExact(offset);
  }

  /**
   * A section's place in the image.
   *
   * @param index the section index
   * @param offset {@code sh_offset}
   * @param size {@code sh_size}
   * @param nameOffset {@code sh_name}, an offset into the section name string table
   */
  record Section(int index, long offset, long size, long nameOffset) {
    /** The offset just past the section. */
    long end() {
      return offset + size;
    }
  }
}
