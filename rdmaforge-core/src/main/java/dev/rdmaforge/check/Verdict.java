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
  /**
   * An options line gives a parameter a value its type refuses ({@code `V' invalid for parameter
   * `P'}): the kernel checks parameters after everything else and fails the load.
   */
  INVALID_PARAMETER("invalid-parameter"),
  /** The file is not a module the kernel can parse ({@code Exec format error}). */
  INVALID_MODULE("invalid-module"),
  /** {@code modprobe: FATAL: Module X not found}. */
  NOT_FOUND("not-found"),
  /** A module modprobe inserts before this one fails; nothing after it is inserted. */
  DEPENDENCY_FAILED("dependency-failed"),
  /**
   * An {@code install} line of modprobe.d replaces the insertion and its command fails ({@code
   * /bin/false}): modprobe exits 1, the kernel is never asked.
   */
  INSTALL_COMMAND_FAILED("install-command-failed"),
  /**
   * modprobe succeeds but the module is not in the kernel: it was asked for by an alias and is
   * blacklisted, or an {@code install} line runs a command that succeeds without loading it
   * ({@code /bin/true}). A choice made in modprobe.d, not a failure.
   */
  SKIPPED("skipped"),
  /**
   * An {@code install} line runs a command whose effect cannot be known without running it (a
   * script, shell syntax): the command is reported, not guessed at.
   */
  INSTALL_COMMAND("install-command");

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

  /**
   * Whether modprobe fails for this module (exit 1). A skipped module and an install command whose
   * effect is unknown are not failures: modprobe exits 0 for the first and the second is reported
   * as a warning.
   */
  public boolean fails() {
    return this != LOADS && this != SKIPPED && this != INSTALL_COMMAND;
  }
}
