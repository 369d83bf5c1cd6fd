package dev.rdmaforge.kernel.keys;

/**
 * The Linux error numbers the module signature check can end with, with glibc's {@code strerror}
 * text (what {@code insmod} / {@code modprobe} print after "could not insert 'm':").
 */
public enum KernelErrno {
  /** No signature marker: an unsigned module. */
  ENODATA(61, "No data available"),
  /** A signature the kernel has no code for (not PKCS#7, unknown algorithm). */
  ENOPKG(65, "Package not installed"),
  /** No trusted key matches the signer. */
  ENOKEY(126, "Required key not available"),
  /** A key matched but the signature does not verify, or the message breaks a module rule. */
  EKEYREJECTED(129, "Key was rejected by service"),
  /** The signature or its framing cannot be parsed. */
  EBADMSG(74, "Bad message"),
  /** A PKCS#7 message of a type or version the kernel refuses. */
  EINVAL(22, "Invalid argument"),
  /** Refused by kernel lockdown (Secure Boot) for an unsigned or untrusted module. */
  EPERM(1, "Operation not permitted");

  private final int number;
  private final String strerror;

  KernelErrno(int number, String strerror) {
    this.number = number;
    this.strerror = strerror;
  }

  /** The positive errno value; the kernel returns it negated. */
  public int number() {
    return number;
  }

  /** glibc's text for it, e.g. "Key was rejected by service". */
  public String strerror() {
    return strerror;
  }
}
