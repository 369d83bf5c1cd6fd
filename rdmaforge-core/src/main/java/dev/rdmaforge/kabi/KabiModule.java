package dev.rdmaforge.kabi;

import java.util.List;
import java.util.Objects;

/**
 * The verdict for one module of a cell.
 *
 * @param name the module name
 * @param file where it is in the kernel's tree, relative to lib/modules/RELEASE
 * @param verdict {@code loads} or a failing verdict of {@link dev.rdmaforge.check.Verdict}
 * @param symbols the symbols the kernel names for this module's own failure, sorted
 * @param message the reason in the kernel's words
 * @param blockedBy for {@code dependency-failed}, the module that failed first; else null
 * @param mismatches for a CRC disagreement, each symbol with both CRCs
 */
public record KabiModule(
    String name, String file, String verdict, List<String> symbols, String message,
    String blockedBy, List<Mismatch> mismatches) {

  /**
   * A symbol whose CRC the module and its provider disagree about.
   *
   * @param symbol the symbol
   * @param moduleCrc the CRC the module was built against ({@code __versions})
   * @param providerCrc the CRC the provider exports
   * @param provider {@code vmlinux} or the providing module's name
   */
  public record Mismatch(String symbol, long moduleCrc, long providerCrc, String provider) {}

  /** Freezes the lists. */
  public KabiModule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
    symbols = List.copyOf(symbols);
    mismatches = List.copyOf(mismatches);
  }

  /** Whether the module is in the kernel after modprobe. */
  public boolean loads() {
    return verdict.equals("loads");
  }
}
