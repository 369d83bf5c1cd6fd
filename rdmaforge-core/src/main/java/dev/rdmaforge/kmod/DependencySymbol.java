package dev.rdmaforge.kmod;

import java.util.Objects;

/**
 * A symbol a module needs, as libkmod's {@code kmod_elf_get_dependency_symbols} reports it: first
 * every named undefined symbol of {@code .symtab} in table order, then every {@code __versions}
 * entry that no undefined symbol matched (for example {@code module_layout}).
 *
 * @param name the symbol name
 * @param crc the CRC the module was built against (from {@code __versions}), or 0 when the
 *     undefined symbol has no {@code __versions} entry
 * @param bind {@link SymbolBind#WEAK} for a weak undefined symbol, otherwise {@link
 *     SymbolBind#UNDEF} (also for the unmatched {@code __versions} entries)
 */
public record DependencySymbol(String name, long crc, SymbolBind bind) {

  /** Checks that name and bind are not null. */
  public DependencySymbol {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bind, "bind");
  }
}
