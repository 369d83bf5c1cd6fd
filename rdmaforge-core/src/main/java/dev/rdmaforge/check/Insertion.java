package dev.rdmaforge.check;

import java.util.List;

/**
 * What the kernel does with one {@code init_module} call.
 *
 * @param module the module inserted
 * @param verdict {@link Verdict#LOADS} or the reason it refused
 * @param symbols the symbols the kernel names for the refusal, sorted
 * @param taints the module's taints when it loads
 * @param why one line for people, in the kernel's words where it has some
 * @param mismatches for a CRC refusal: each disagreeing symbol with both CRCs and its provider
 * @param signature the signature verdict
 */
record Insertion(
    CheckedModule module,
    Verdict verdict,
    List<String> symbols,
    List<Taint> taints,
    String why,
    List<Mismatch> mismatches,
    SignatureVerdict signature) {

  /**
   * One {@code disagrees about version of symbol} line.
   *
   * @param symbol the symbol
   * @param builtAgainst the CRC in the module's {@code __versions}
   * @param provided the CRC the provider exports it with
   * @param provider {@code vmlinux} or the providing module's name
   * @param providerFile the providing module's file, or null for vmlinux
   */
  record Mismatch(String symbol, long builtAgainst, long provided, String provider, String providerFile) {}

  boolean loads() {
    return verdict == Verdict.LOADS;
  }
}
