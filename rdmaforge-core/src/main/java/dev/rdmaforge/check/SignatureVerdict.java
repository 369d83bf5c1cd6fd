package dev.rdmaforge.check;

import java.util.Objects;

/**
 * A module's signature as the target kernel judges it.
 *
 * @param outcome the kernel's conclusion
 * @param signer who signed it (signer name and key id) when the module carries a signature, else ""
 * @param detail one line of explanation (which key verified it, or why none did)
 */
public record SignatureVerdict(SignatureOutcome outcome, String signer, String detail) {

  /** All parts required. */
  public SignatureVerdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(detail, "detail");
  }
}
