package dev.rdmaforge.kernel.keys;

/**
 * The kernel's parser or verifier gave up with an error number; {@link #getMessage()} says why in
 * words (and quotes the kernel's own log line where it prints one).
 */
final class KernelRefusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final KernelErrno errno;

  KernelRefusal(KernelErrno errno, String reason) {
    super(reason);
    this.errno = errno;
  }

  KernelErrno errno() {
    return errno;
  }

  /** A parse failure of the ASN.1 decoder: the kernel returns {@code EBADMSG}. */
  static KernelRefusal badMessage(String what, Der.DerException e) {
    return new KernelRefusal(KernelErrno.EBADMSG, what + " is not valid ASN.1 (byte " + e.offset()
        + ": " + e.getMessage() + ")");
  }
}
