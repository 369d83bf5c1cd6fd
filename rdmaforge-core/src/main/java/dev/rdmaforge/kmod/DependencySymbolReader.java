package dev.rdmaforge.kmod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols a module needs, computed as libkmod's {@code kmod_elf_get_dependency_symbols}, and
 * its {@code __versions} table as {@code kmod_elf_get_modversions} reads it.
 *
 * <p>{@code __versions} holds 64-byte entries: a CRC (8 bytes on 64-bit ELF, 4 on 32-bit) and a
 * NUL-terminated name filling the rest.
 */
final class DependencySymbolReader {
  private static final int VERSION_ENTRY_SIZE = 64;
  private static final int EM_SPARC = 2;
  private static final int EM_SPARCV9 = 43;
  private static final int STT_REGISTER = 13;

  private DependencySymbolReader() {}

  /**
   * The dependency symbols: each named undefined symbol in {@code .symtab} order with the CRC of the
   * first {@code __versions} entry of the same name (0 without one), then the {@code __versions}
   * entries no undefined symbol matched, in table order. libkmod fails (and depmod then uses no
   * dependency symbols at all) when {@code .strtab} or {@code .symtab} is missing, {@code .symtab}
   * is not a whole number of entries, or an undefined symbol's name lies outside {@code .strtab}:
   * the result is then empty.
   */
  static Dependencies read(ElfImage image) throws ModuleFormatException {
    ElfImage.Section versions = image.findSection("__versions");
    if (versions != null && versions.size() % VERSION_ENTRY_SIZE != 0) {
      versions = null;
    }
    ElfImage.Section strtab = image.findSection(".strtab");
    if (strtab == null) {
      return Dependencies.NONE;
    }
    ElfImage.Section symtab = image.findSection(".symtab");
    if (symtab == null) {
      return Dependencies.NONE;
    }
    SymbolTable table = new SymbolTable(image, symtab, strtab);
    if (!table.wellSized()) {
      return Dependencies.NONE;
    }
    int crcSize = image.is64() ? 8 : 4;
    int versionCount = versions == null ? 0 : (int) (versions.size() / VERSION_ENTRY_SIZE);
    // The first entry of each name wins, as libkmod's linear search finds it first.
    Map<String, Integer> versionIndex = new HashMap<>(versionCount * 2);
    for (int v = 0; v < versionCount; v++) {
      versionIndex.putIfAbsent(
          image.cString(versions.offset() + (long) v * VERSION_ENTRY_SIZE + crcSize), v);
    }
    boolean[] visited = new boolean[versionCount];
    boolean registerSymbols = image.machine() == EM_SPARC || image.machine() == EM_SPARCV9;
    List<DependencySymbol> symbols = new ArrayList<>();
    for (int i = 1; i < table.count(); i++) {
      if (table.sectionIndex(i) != ElfImage.SHN_UNDEF) {
        continue;
      }
      if (registerSymbols && table.type(i) == STT_REGISTER) {
        continue;
      }
      if (!table.nameInRange(i)) {
        return Dependencies.NONE;
      }
      if (table.nameEmpty(i)) {
        continue;
      }
      String name = table.name(i);
      Integer v = versionIndex.get(name);
      long crc = 0;
      if (v != null) {
        visited[v] = true;
        crc = crc(image, versions.offset() + (long) v * VERSION_ENTRY_SIZE, crcSize);
      }
      SymbolBind bind = table.bind(i) == SymbolTable.STB_WEAK ? SymbolBind.WEAK : SymbolBind.UNDEF;
      symbols.add(new DependencySymbol(name, crc, bind));
    }
    int undefinedCount = symbols.size();
    for (int v = 0; v < versionCount; v++) {
      if (!visited[v]) {
        long entry = versions.offset() + (long) v * VERSION_ENTRY_SIZE;
        symbols.add(new DependencySymbol(
            image.cString(entry + crcSize), crc(image, entry, crcSize), SymbolBind.UNDEF));
      }
    }
    return new Dependencies(symbols, undefinedCount);
  }

  /**
   * libkmod's dependency symbols, and how many of them (the first ones) are undefined symbols of
   * {@code .symtab}; the rest are unmatched {@code __versions} entries.
   */
  record Dependencies(List<DependencySymbol> symbols, int undefinedCount) {
    static final Dependencies NONE = new Dependencies(List.of(), 0);
  }

  /**
   * The {@code __versions} table as {@code modprobe --dump-modversions} shows it: empty when the
   * section is missing, empty, or not a whole number of 64-byte entries (libkmod's {@code EINVAL});
   * one leading {@code '.'} is dropped from each name.
   */
  static List<SymbolVersion> versions(ElfImage image) throws ModuleFormatException {
    ElfImage.Section versions = image.findSection("__versions");
    if (versions == null || versions.size() % VERSION_ENTRY_SIZE != 0) {
      return List.of();
    }
    int crcSize = image.is64() ? 8 : 4;
    int count = (int) (versions.size() / VERSION_ENTRY_SIZE);
    List<SymbolVersion> table = new ArrayList<>(count);
    for (int v = 0; v < count; v++) {
      long entry = versions.offset() + (long) v * VERSION_ENTRY_SIZE;
      long nameAt = entry + crcSize;
      if (image.u8(nameAt) == '.') {
        nameAt++;
      }
      table.add(new SymbolVersion(crc(image, entry, crcSize), image.cString(nameAt)));
    }
    return table;
  }

  private static long crc(ElfImage image, long offset, int size) {
    return size == 8 ? image.u64(offset) : image.u32(offset);
  }
}
