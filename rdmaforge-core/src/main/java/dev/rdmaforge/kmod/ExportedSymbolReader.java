package dev.rdmaforge.kmod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exported symbols of a module, computed as libkmod's {@code kmod_elf_get_symbols}: every
 * {@code __crc_<name>} symbol of {@code .symtab} in table order, its CRC read from the section and
 * offset the symbol points at; when {@code .strtab} or {@code .symtab} is missing or malformed, or
 * there is no {@code __crc_} symbol at all, the names of {@code __ksymtab_strings} with CRC 0.
 */
final class ExportedSymbolReader {
  private static final byte[] CRC_PREFIX = SymbolTable.ascii("__crc_");
  private static final byte[] KSYMTAB_PREFIX = SymbolTable.ascii("__ksymtab_");
  /** libkmod's {@code (uint64_t)-1} for a CRC it cannot resolve. */
  private static final long INVALID_CRC = -1L;

  private ExportedSymbolReader() {}

  static List<ExportedSymbol> read(ElfImage image) throws ModuleFormatException {
    SymbolTable table = null;
    ElfImage.Section strtab = image.findSection(".strtab");
    if (strtab != null) {
      ElfImage.Section symtab = image.findSection(".symtab");
      if (symtab != null) {
        table = new SymbolTable(image, symtab, strtab);
        List<ExportedSymbol> exports = fromCrcSymbols(image, table);
        if (exports != null) {
          return exports;
        }
      }
    }
    return fromKsymtabStrings(image, table);
  }

  /** The {@code __crc_} path, or null where libkmod falls back to {@code __ksymtab_strings}. */
  private static List<ExportedSymbol> fromCrcSymbols(ElfImage image, SymbolTable table)
      throws ModuleFormatException {
    if (!table.wellSized()) {
      return null;
    }
    int count = table.count();
    List<Integer> crcSymbols = new ArrayList<>();
    Map<String, Integer> ksymtabSections = new HashMap<>();
    for (int i = 1; i < count; i++) {
      if (!table.nameInRange(i)) {
        return null;
      }
      if (table.nameStartsWith(i, CRC_PREFIX)) {
        crcSymbols.add(i);
      } else if (table.nameStartsWith(i, KSYMTAB_PREFIX)) {
        ksymtabSections.putIfAbsent(table.name(i, KSYMTAB_PREFIX.length), table.sectionIndex(i));
      }
    }
    if (crcSymbols.isEmpty()) {
      return null;
    }
    List<ExportedSymbol> exports = new ArrayList<>(crcSymbols.size());
    for (int i : crcSymbols) {
      String name = table.name(i, CRC_PREFIX.length);
      int crcSection = table.sectionIndex(i);
      long crc = resolveCrc(image, table.value(i), crcSection, i);
      exports.add(new ExportedSymbol(name, crc, SymbolBind.fromElf(table.bind(i)),
          isGplOnly(image, ksymtabSections.get(name), crcSection)));
    }
    return exports;
  }

  /** libkmod's {@code kmod_elf_resolve_crc}. */
  private static long resolveCrc(ElfImage image, long value, int sectionIndex, int symbol)
      throws ModuleFormatException {
    if (sectionIndex == ElfImage.SHN_ABS || sectionIndex == ElfImage.SHN_UNDEF) {
      return value;
    }
    if (sectionIndex >= image.sectionCount()) {
      throw image.error(-1, "symbol " + symbol + " (a __crc_ symbol) points at section "
          + sectionIndex + ", but there are only " + image.sectionCount() + " sections",
          ElfImage.ADVICE_BROKEN_MODULE, KmodOutcome.ABORT);
    }
    ElfImage.Section section = image.sectionInfo(sectionIndex);
    if (section == null || Long.compareUnsigned(value, section.size() - 4) > 0) {
      return INVALID_CRC;
    }
    long at = section.offset() + value;
    if (Long.compareUnsigned(at, section.offset()) < 0
        || Long.compareUnsigned(at, image.size() - 4) > 0) {
      throw image.error(section.offset(), "symbol " + symbol + " (a __crc_ symbol) points at byte "
          + Long.toUnsignedString(value) + " of section " + sectionIndex + ", which is only "
          + section.size() + " bytes long, past the end of the image",
          ElfImage.ADVICE_BROKEN_MODULE, KmodOutcome.ABORT);
    }
    return image.u32(at);
  }

  private static boolean isGplOnly(ElfImage image, Integer ksymtabSection, int crcSection) {
    if (ksymtabSection != null) {
      return "__ksymtab_gpl".equals(image.sectionName(ksymtabSection));
    }
    return "__kcrctab_gpl".equals(image.sectionName(crcSection));
  }

  /**
   * The fallback: names from {@code __ksymtab_strings}, CRC 0, bind GLOBAL. A kernel built without
   * {@code CONFIG_MODVERSIONS} takes this path; {@code gplOnly} then still comes from the {@code
   * __ksymtab_<name>} symbols when the symbol table is usable.
   */
  private static List<ExportedSymbol> fromKsymtabStrings(ElfImage image, SymbolTable table)
      throws ModuleFormatException {
    List<String> names = StringSections.read(image, "__ksymtab_strings");
    if (names.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> ksymtabSections = new HashMap<>();
    if (table != null && table.wellSized()) {
      for (int i = 1; i < table.count(); i++) {
        if (table.nameInRange(i) && table.nameStartsWith(i, KSYMTAB_PREFIX)) {
          ksymtabSections.putIfAbsent(table.name(i, KSYMTAB_PREFIX.length), table.sectionIndex(i));
        }
      }
    }
    List<ExportedSymbol> exports = new ArrayList<>(names.size());
    for (String name : names) {
      Integer section = ksymtabSections.get(name);
      boolean gplOnly = section != null && "__ksymtab_gpl".equals(image.sectionName(section));
      exports.add(new ExportedSymbol(name, 0, SymbolBind.GLOBAL, gplOnly));
    }
    return exports;
  }
}
