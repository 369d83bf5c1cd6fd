package dev.rdmaforge.kmod;

import java.util.Objects;

/**
 * A symbol a module exports, as libkmod's {@code kmod_elf_get_symbols} reports it.
 *
 * @param name the symbol name, e.g. {@code "ib_register_device"}
 * @param crc the CRC from the {@code __kcrctab*} section the {@code __crc_<name>} symbol points
 *     into; the symbol's own value when it is absolute; 0 when the name came from {@code
 *     __ksymtab_strings}; {@code -1} (all bits set, as libkmod's {@code (uint64_t)-1}) when the
 *     section or offset is invalid
 * @param bind the binding of the {@code __crc_} symbol ({@link SymbolBind#LOCAL} on 6.1 kernels),
 *     or {@link SymbolBind#GLOBAL} for names from {@code __ksymtab_strings}
 * @param gplOnly whether the export is {@code EXPORT_SYMBOL_GPL}: its {@code __ksymtab_<name>}
 *     symbol lives in the {@code __ksymtab_gpl} section (or, when there is no such symbol, its
 *     {@code __crc_} symbol in {@code __kcrctab_gpl}). Not used by depmod; for the load checker.
 */
public record ExportedSymbol(String name, long crc, SymbolBind bind, boolean gplOnly) {

  /** Checks that name and bind are not null. */
  public ExportedSymbol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bind, "bind");
  }
}
