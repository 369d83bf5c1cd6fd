package dev.rdmaforge.kmod;

/**
 * The binding libkmod reports for a symbol ({@code enum kmod_symbol_bind}). Exported symbols get
 * the ELF binding of their {@code __crc_} symbol mapped by {@link #fromElf(int)} (or {@link #GLOBAL}
 * when read from {@code __ksymtab_strings}); dependency symbols are {@link #WEAK} for a weak
 * undefined symbol and {@link #UNDEF} otherwise. {@code depmod} treats only {@link #WEAK} specially:
 * it never warns about a weak symbol that is unknown or has a different CRC.
 */
public enum SymbolBind {
  /** Any ELF binding other than local, global or weak. */
  NONE('\0'),
  /** ELF {@code STB_LOCAL}. */
  LOCAL('L'),
  /** ELF {@code STB_GLOBAL}. */
  GLOBAL('G'),
  /** ELF {@code STB_WEAK}. */
  WEAK('W'),
  /** An undefined (imported) symbol that is not weak. */
  UNDEF('U');

  private final char kmodCode;

  SymbolBind(char kmodCode) {
    this.kmodCode = kmodCode;
  }

  /**
   * The character libkmod uses for this binding ({@code 'U'}, {@code 'W'}, ...); {@code depmod -v}
   * prints it in "needs (U) unknown symbol" debug lines. {@link #NONE} is the NUL character.
   */
  public char kmodCode() {
    return kmodCode;
  }

  /**
   * Maps an ELF symbol binding ({@code ELF64_ST_BIND(st_info)}) the way libkmod's {@code
   * kmod_symbol_bind_from_elf} does.
   *
   * @param elfBind 0 ({@code STB_LOCAL}), 1 ({@code STB_GLOBAL}), 2 ({@code STB_WEAK}) or other
   * @return the binding libkmod reports
   */
  public static SymbolBind fromElf(int elfBind) {
    switch (elfBind) {
      case 0:
        return LOCAL;
      case 1:
        return GLOBAL;
      case 2:
        return WEAK;
      default:
        return NONE;
    }
  }
}
