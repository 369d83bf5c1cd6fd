package dev.rdmaforge.check;

import java.util.List;
import java.util.Objects;

/**
 * The verdict for one requested module.
 *
 * @param module the module name as the kernel knows it ({@code _} for {@code -})
 * @param file the file modprobe inserts, relative to {@code lib/modules/KVER} (absolute for an
 *     external directory); null for a built-in module, one that is not found, and one that
 *     modprobe.d keeps out or replaces with an install command (nothing of it is inserted)
 * @param verdict what happens
 * @param symbols the symbols the kernel names for this module's own failure, sorted; empty for
 *     {@code loads}, {@code dependency-failed}, {@code vermagic-mismatch}, {@code
 *     signature-rejected} and {@code not-found}
 * @param blockedBy for {@code dependency-failed}: the module whose insertion failed; else null
 * @param taints the taints the module carries once loaded, in {@link Taint} order; empty unless it
 *     loads
 * @param why one line for people: the reason in the kernel's words, and for a blocked module the
 *     blocker's reason
 * @param loadOrder the modules modprobe inserts for this request, in order, ending with this one
 *     (stopping at the one that fails)
 */
public record ModuleResult(
    String module,
    String file,
    Verdict verdict,
    List<String> symbols,
    String blockedBy,
    List<Taint> taints,
    String why,
    List<String> loadOrder) {

  /** Copies the lists; module, verdict and why are required. */
  public ModuleResult {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(why, "why");
    symbols = List.copyOf(symbols);
    taints = List.copyOf(taints);
    loadOrder = List.copyOf(loadOrder);
  }
}
