package dev.rdmaforge.check;

/**
 * What the kernel's {@code module_sig_check} concludes about a module's appended signature, with
 * the errno it works with. Only a missing key, a missing signature or unsupported crypto are
 * forgiven when signatures are not enforced; a signature that fails to verify or cannot be parsed
 * is fatal even then.
 */
public enum SignatureOutcome {
  /** Verified with a trusted key. */
  VALID(""),
  /** -ENODATA: no {@code ~Module signature appended~} marker. */
  UNSIGNED("Loading of unsigned module is rejected"),
  /** -ENOPKG: not PKCS#7, or an algorithm the kernel lacks. */
  UNSUPPORTED_CRYPTO("Loading of module with unsupported crypto is rejected"),
  /** -ENOKEY: no trusted key matches the signer. */
  KEY_UNAVAILABLE("Loading of module with unavailable key is rejected"),
  /** -EKEYREJECTED: the trusted key does not verify the signature (a modified module). */
  REJECTED("module signature verification failed (-EKEYREJECTED): the module was changed after signing"),
  /** -EBADMSG and friends: the signature block is malformed. */
  MALFORMED("module signature is malformed (-EBADMSG)");

  private final String kernelMessage;

  SignatureOutcome(String kernelMessage) {
    this.kernelMessage = kernelMessage;
  }

  /** The kernel's words when it refuses the module for this reason. */
  public String kernelMessage() {
    return kernelMessage;
  }

  /** Whether the kernel refuses the module even when signatures are not enforced. */
  public boolean fatalWhenNotEnforced() {
    return this == REJECTED || this == MALFORMED;
  }
}
