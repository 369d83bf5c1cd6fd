package dev.rdmaforge.kernel.keys;

import java.util.Optional;

/**
 * What the kernel's {@code mod_verify_sig} concludes about a module's appended signature (Linux
 * 6.1, {@code kernel/module/signing.c}), before enforcement is applied. {@link
 * #fatalWhenNotEnforced()} and {@link #enforcedMessage()} give {@code module_sig_check}'s verdict.
 */
public enum SignatureOutcome {
  /** The signature verifies with a trusted key. */
  VALID(null, null),
  /** No {@code "~Module signature appended~\n"} marker ({@code -ENODATA}). */
  UNSIGNED(KernelErrno.ENODATA, "unsigned module"),
  /** Not a PKCS#7 signature, or an algorithm the kernel lacks ({@code -ENOPKG}). */
  UNSUPPORTED_CRYPTO(KernelErrno.ENOPKG, "module with unsupported crypto"),
  /** No trusted key matches the signer's issuer+serial or key id ({@code -ENOKEY}). */
  KEY_UNAVAILABLE(KernelErrno.ENOKEY, "module with unavailable key"),
  /**
   * A trusted key matched but the signature does not verify (a modified module), or the message
   * breaks a rule for module signatures such as carrying signed attributes ({@code -EKEYREJECTED}).
   */
  REJECTED(KernelErrno.EKEYREJECTED, null),
  /** The trailer or the PKCS#7 message is damaged ({@code -EBADMSG}, {@code -EINVAL}). */
  MALFORMED(KernelErrno.EBADMSG, null);

  private final KernelErrno errno;
  private final String reason;

  SignatureOutcome(KernelErrno errno, String reason) {
    this.errno = errno;
    this.reason = reason;
  }

  /**
   * The usual errno of this outcome ({@link #MALFORMED} may also end in {@code EINVAL}: see {@link
   * SignatureVerdict#errno()}); empty for {@link #VALID}.
   */
  public Optional<KernelErrno> typicalErrno() {
    return Optional.ofNullable(errno);
  }

  /**
   * Whether the module is refused even when signatures are not enforced. {@code module_sig_check}
   * forgives only {@code ENODATA}, {@code ENOPKG} and {@code ENOKEY}: "All other errors are fatal,
   * including lack of memory, unparseable signatures, and signature check failures -- even if
   * signatures aren't required."
   */
  public boolean fatalWhenNotEnforced() {
    return this == REJECTED || this == MALFORMED;
  }

  /**
   * The kernel's notice when signatures are enforced and this outcome is refused for that reason:
   * {@code "Loading of unsigned module is rejected"}, {@code "Loading of module with unsupported
   * crypto is rejected"}, {@code "Loading of module with unavailable key is rejected"}. Empty for
   * {@link #VALID} and for the always-fatal outcomes, which fail silently with their own errno.
   */
  public Optional<String> enforcedMessage() {
    return reason == null ? Optional.empty()
        : Optional.of("Loading of " + reason + " is rejected");
  }
}
