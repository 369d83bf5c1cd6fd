package dev.rdmaforge.kmod;

import java.nio.charset.StandardCharsets;

/**
 * Field access to an ELF {@code .symtab} paired with its {@code .strtab}, for both ELF classes
 * ({@code Elf64_Sym} is 24 bytes: name, info, other, shndx, value, size; {@code Elf32_Sym} is 16:
 * name, value, size, info, other, shndx).
 */
final class SymbolTable {
  /** {@code STB_WEAK}. */
  static final int STB_WEAK = 2;

  private final ElfImage image;
  private final ElfImage.Section symbols;
  private final ElfImage.Section strings;
  private final int entrySize;

  SymbolTable(ElfImage image, ElfImage.Section symbols, ElfImage.Section strings) {
    this.image = image;
    this.symbols = symbols;
    this.strings = strings;
    this.entrySize = image.is64() ? 24 : 16;
  }

  /** Whether the table's size is a whole number of entries (libkmod refuses it otherwise). */
  boolean wellSized() {
    return symbols.size() % entrySize == 0;
  }

  /** The number of entries, the null entry 0 included. */
  int count() {
    return (int) (symbols.size() / entrySize);
  }

  private long entry(int index) {
    return symbols.offset() + (long) index * entrySize;
  }

  /** {@code st_name}: the name's offset in {@code .strtab}. */
  long nameOffset(int index) {
    return image.u32(entry(index));
  }

  /** Whether {@code st_name} lies inside {@code .strtab}. */
  boolean nameInRange(int index) {
    return nameOffset(index) < strings.size();
  }

  /** The symbol's name (the caller has checked {@link #nameInRange}). */
  String name(int index) {
    return image.cString(strings.offset() + nameOffset(index));
  }

  /** The symbol's name without its first {@code skip} bytes. */
  String name(int index, int skip) {
    return image.cString(strings.offset() + nameOffset(index) + skip);
  }

  /** Whether the name is empty (its first byte is NUL). */
  boolean nameEmpty(int index) {
    long at = strings.offset() + nameOffset(index);
    return at >= image.size() || image.u8(at) == 0;
  }

  /** Whether the name starts with {@code prefix} (ASCII). */
  boolean nameStartsWith(int index, byte[] prefix) {
    return image.startsWith(strings.offset() + nameOffset(index), prefix);
  }

  /** {@code st_value}. */
  long value(int index) {
    return image.word(entry(index) + (image.is64() ? 8 : 4));
  }

  /** {@code st_info}. */
  int info(int index) {
    return image.u8(entry(index) + (image.is64() ? 4 : 12));
  }

  /** {@code ELF_ST_BIND(st_info)}. */
  int bind(int index) {
    return info(index) >> 4;
  }

  /** {@code ELF_ST_TYPE(st_info)}. */
  int type(int index) {
    return info(index) & 0xf;
  }

  /** {@code st_shndx}. */
  int sectionIndex(int index) {
    return image.u16(entry(index) + (image.is64() ? 6 : 14));
  }

  /** ASCII bytes of a literal, for prefix tests. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
