package dev.rdmaforge.kmod;

import java.util.Objects;

/**
 * One entry of a module's {@code __versions} table, as {@code modprobe --dump-modversions} prints
 * it ({@code 0x%08x<TAB>name}); libkmod drops one leading {@code '.'} from the name.
 *
 * @param crc the CRC the module was built against (64 bits wide on 64-bit ELF, 32 bits otherwise)
 * @param name the symbol name, e.g. {@code "module_layout"}
 */
public record SymbolVersion(long crc, String name) {

  /** Checks that name is not null. */
  public SymbolVersion {
    Objects.requireNonNull(name, "name");
  }
}
