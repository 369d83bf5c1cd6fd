package dev.rdmaforge.kernel.keys;

/** How the booted kernel treats modules whose signature is missing or not trusted. */
public enum SignaturePolicy {
  /** Debian's default: {@code CONFIG_MODULE_SIG_FORCE} unset, no lockdown. Such modules load. */
  NOT_ENFORCED,
  /**
   * {@code module.sig_enforce=1} on the command line or {@code CONFIG_MODULE_SIG_FORCE=y}: they are
   * refused with {@code EKEYREJECTED} and "Loading of ... is rejected".
   */
  ENFORCED,
  /**
   * Not enforced, but the kernel is locked down (Debian under UEFI Secure Boot, {@code
   * lockdown=integrity}): {@code security_locked_down(LOCKDOWN_MODULE_SIGNATURE)} refuses them with
   * {@code EPERM} and "Lockdown: modprobe: unsigned module loading is restricted; see man
   * kernel_lockdown.7".
   */
  LOCKDOWN
}
