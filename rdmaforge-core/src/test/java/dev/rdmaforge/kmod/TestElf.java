package dev.rdmaforge.kmod;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small ELF relocatable images shaped like kernel modules, for tests: an ELF header, the
 * sections' bytes, {@code .symtab}, {@code .strtab}, {@code .shstrtab}, then the section header
 * table at the end (where real modules have it). Both classes and both byte orders are supported.
 */
final class TestElf {
  static final int STB_LOCAL = 0;
  static final int STB_GLOBAL = 1;
  static final int STB_WEAK = 2;
  static final int SHN_ABS = 0xfff1;

  private final boolean elf64;
  private final ByteOrder order;
  private int machine = 62;
  private final Map<String, ByteArrayOutputStream> sections = new LinkedHashMap<>();
  private final List<Symbol> symbols = new ArrayList<>();
  private boolean withSymbolTable = true;

  private record Symbol(String name, long value, int bind, int type, String section, int index) {}

  /**
   * The written image.
   *
   * @param bytes the file
   * @param sectionTableOffset {@code e_shoff}
   * @param sectionIndex each section's index by name
   * @param sectionOffset each section's file offset by name
   */
  record Image(
      byte[] bytes,
      long sectionTableOffset,
      Map<String, Integer> sectionIndex,
      Map<String, Long> sectionOffset) {
    int sectionCount() {
      return sectionIndex.size() + 1;
    }
  }

  private TestElf(boolean elf64, ByteOrder order) {
    this.elf64 = elf64;
    this.order = order;
  }

  /** A 64-bit little-endian x86-64 module. */
  static TestElf module() {
    return new TestElf(true, ByteOrder.LITTLE_ENDIAN);
  }

  /** A module of the given class and byte order. */
  static TestElf module(boolean elf64, ByteOrder order) {
    return new TestElf(elf64, order);
  }

  TestElf machine(int value) {
    machine = value;
    return this;
  }

  /** Leaves out {@code .symtab} and {@code .strtab}. */
  TestElf withoutSymbolTable() {
    withSymbolTable = false;
    return this;
  }

  /** Appends bytes to a section (created on first use, in order of first use). */
  TestElf section(String name, byte[] data) {
    sections.computeIfAbsent(name, n -> new ByteArrayOutputStream()).writeBytes(data);
    return this;
  }

  /** Appends NUL-terminated strings to a section. */
  TestElf strings(String name, String... values) {
    for (String value : values) {
      section(name, (value + "\0").getBytes(StandardCharsets.ISO_8859_1));
    }
    return this;
  }

  /** Appends raw text (NULs written as {@code \0} in the string) to {@code .modinfo}. */
  TestElf modinfoRaw(String text) {
    return section(".modinfo", text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Appends one {@code __versions} entry. */
  TestElf version(long crc, String name) {
    ByteBuffer entry = ByteBuffer.allocate(64).order(order);
    if (elf64) {
      entry.putLong(crc);
    } else {
      entry.putInt((int) crc);
    }
    entry.put(name.getBytes(StandardCharsets.ISO_8859_1));
    return section("__versions", entry.array());
  }

  /** Adds a symbol defined in a named section. */
  TestElf symbol(String name, long value, int bind, String section) {
    symbols.add(new Symbol(name, value, bind, 0, section, -1));
    return this;
  }

  /** Adds a symbol with a raw section index ({@code SHN_ABS}, an invalid index...). */
  TestElf symbolAt(String name, long value, int bind, int type, int sectionIndex) {
    symbols.add(new Symbol(name, value, bind, type, null, sectionIndex));
    return this;
  }

  /** Adds an undefined (imported) symbol. */
  TestElf undefined(String name, int bind) {
    return symbolAt(name, 0, bind, 0, 0);
  }

  /**
   * Adds an export the way a 6.1 kernel build does with modversions: the CRC in {@code __kcrctab}
   * (or {@code _gpl}) with a local {@code __crc_<name>} symbol pointing at it, a 12-byte entry in
   * {@code __ksymtab} (or {@code _gpl}) with its {@code __ksymtab_<name>} symbol, and the name in
   * {@code __ksymtab_strings}.
   */
  TestElf export(String name, int crc, boolean gpl) {
    String crcSection = gpl ? "__kcrctab_gpl" : "__kcrctab";
    String ksymtab = gpl ? "__ksymtab_gpl" : "__ksymtab";
    long crcOffset = size(crcSection);
    section(crcSection, ByteBuffer.allocate(4).order(order).putInt(crc).array());
    long entryOffset = size(ksymtab);
    section(ksymtab, new byte[12]);
    strings("__ksymtab_strings", name);
    symbol("__ksymtab_" + name, entryOffset, STB_LOCAL, ksymtab);
    return symbol("__crc_" + name, crcOffset, STB_LOCAL, crcSection);
  }

  private long size(String section) {
    ByteArrayOutputStream data = sections.get(section);
    return data == null ? 0 : data.size();
  }

  /** Writes the image. */
  Image build() {
    List<String> names = new ArrayList<>(sections.keySet());
    Map<String, byte[]> data = new LinkedHashMap<>();
    sections.forEach((name, bytes) -> data.put(name, bytes.toByteArray()));
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String name : names) {
      index.put(name, index.size() + 1);
    }
    if (withSymbolTable) {
      index.put(".symtab", index.size() + 1);
      index.put(".strtab", index.size() + 1);
      ByteArrayOutputStream strtab = new ByteArrayOutputStream();
      strtab.write(0);
      int entrySize = elf64 ? 24 : 16;
      ByteBuffer symtab = ByteBuffer.allocate(entrySize * (symbols.size() + 1)).order(order);
      symtab.position(entrySize);
      for (Symbol symbol : symbols) {
        int nameOffset = symbol.name().isEmpty() ? 0 : strtab.size();
        if (!symbol.name().isEmpty()) {
          strtab.writeBytes((symbol.name() + "\0").getBytes(StandardCharsets.ISO_8859_1));
        }
        int shndx = symbol.section() == null ? symbol.index() : index.get(symbol.section());
        int info = (symbol.bind() << 4) | symbol.type();
        if (elf64) {
          symtab.putInt(nameOffset).put((byte) info).put((byte) 0).putShort((short) shndx)
              .putLong(symbol.value()).putLong(0);
        } else {
          symtab.putInt(nameOffset).putInt((int) symbol.value()).putInt(0).put((byte) info)
              .put((byte) 0).putShort((short) shndx);
        }
      }
      data.put(".symtab", symtab.array());
      data.put(".strtab", strtab.toByteArray());
    }
    index.put(".shstrtab", index.size() + 1);
    ByteArrayOutputStream shstrtab = new ByteArrayOutputStream();
    shstrtab.write(0);
    Map<String, Integer> nameOffsets = new LinkedHashMap<>();
    for (String name : index.keySet()) {
      nameOffsets.put(name, shstrtab.size());
      shstrtab.writeBytes((name + "\0").getBytes(StandardCharsets.ISO_8859_1));
    }
    data.put(".shstrtab", shstrtab.toByteArray());

    int headerSize = elf64 ? 64 : 52;
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(new byte[headerSize]);
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> section : data.entrySet()) {
      pad(file, 8);
      offsets.put(section.getKey(), (long) file.size());
      file.writeBytes(section.getValue());
    }
    pad(file, 8);
    long shoff = file.size();
    int count = index.size() + 1;
    int shentsize = elf64 ? 64 : 40;
    ByteBuffer table = ByteBuffer.allocate(shentsize * count).order(order);
    table.position(shentsize);
    for (String name : index.keySet()) {
      int type = name.equals(".symtab") ? 2 : name.endsWith("strtab") ? 3 : 1;
      long offset = offsets.get(name);
      long size = data.get(name).length;
      if (elf64) {
        table.putInt(nameOffsets.get(name)).putInt(type).putLong(0).putLong(0).putLong(offset)
            .putLong(size).putInt(0).putInt(0).putLong(1).putLong(0);
      } else {
        table.putInt(nameOffsets.get(name)).putInt(type).putInt(0).putInt(0).putInt((int) offset)
            .putInt((int) size).putInt(0).putInt(0).putInt(1).putInt(0);
      }
    }
    file.writeBytes(table.array());

    ByteBuffer header = ByteBuffer.allocate(headerSize).order(order);
    header.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (elf64 ? 2 : 1),
        (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1, 0});
    header.position(16);
    header.putShort((short) 1).putShort((short) machine).putInt(1); // ET_REL, machine, version
    if (elf64) {
      header.putLong(0).putLong(0).putLong(shoff).putInt(0).putShort((short) 64)
          .putShort((short) 0).putShort((short) 0).putShort((short) 64).putShort((short) count)
          .putShort((short) (count - 1));
    } else {
      header.putInt(0).putInt(0).putInt((int) shoff).putInt(0).putShort((short) 52)
          .putShort((short) 0).putShort((short) 0).putShort((short) 40).putShort((short) count)
          .putShort((short) (count - 1));
    }
    byte[] bytes = file.toByteArray();
    System.arraycopy(header.array(), 0, bytes, 0, headerSize);
    return new Image(bytes, shoff, index, offsets);
  }

  private static void pad(ByteArrayOutputStream out, int alignment) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
  }
}
