package dev.rdmaforge.check;

/**
 * Judges a module's signature against the target kernel's trusted keys. Implementations must be
 * safe to call from several threads.
 */
public interface SignatureChecker {

  /** The kernel's conclusion for {@code module}. */
  SignatureVerdict check(CheckedModule module);
}
