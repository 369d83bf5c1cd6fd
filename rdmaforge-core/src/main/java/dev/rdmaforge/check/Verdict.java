package dev.rdmaforge.check;

/**
 * What happens when modprobe loads a module, in the words of the JSON contract. The order of the
 * failing ones is the order in which the kernel checks (signature, module_layout, vermagic, CRCs,
 * unknown symbols).
 */
public enum Verdict {
  /** The module (or the built-in) is there after modprobe. */
  LOADS("loads"),
  /** Signatures are enforced and the module is unsigned or signed by an untrusted key; or the
   * signature is broken, which the kernel refuses even when not enforcing. */
  SIGNATURE_REJECTED("signature-rejected"),
  /** {@code disagrees about version of symbol S}: module_layout or an imported symbol's CRC. */
  SYMBOL_VERSION_MISMATCH("symbol-version-mismatch"),
  /** {@code version magic '...' should be '...'} (a module without {@code __versions}). */
  VERMAGIC_MISMATCH("vermagic-mismatch"),
  /** {@code Unknown symbol S (err -2)}: nothing loaded exports S (or only GPL-only, to a non-GPL module). */
  UNKNOWN_SYMBOL("unknown-symbol"),
  /** The file is not a module the kernel can parse ({@code Exec format error}). */
  INVALID_MODULE("invalid-module"),
  /** {@code modprobe: FATAL: Module X not found}. */
  NOT_FOUND("not-found"),
  /** A module modprobe inserts before this one fails; nothing after it is inserted. */
  DEPENDENCY_FAILED("dependency-failed");

  private final String id;

  Verdict(String id) {
    this.id = id;
  }

  /** The stable name used in JSON and text output. */
  public String id() {
    return id;
  }

  /** Whether the module is there after modprobe. */
  public boolean loads() {
    return this == LOADS;
  }
}
