package dev.rdmaforge.kernel.keys;

import java.util.Objects;

/**
 * A certificate the kernel would not load into its keyring (it logs "Problem loading in-kernel
 * X.509 certificate (-N)" for built-in ones), or one rdmaforge cannot check, and why.
 *
 * @param origin where it came from, as {@link TrustedKey#origin()}
 * @param errno the error the kernel's parser returns
 * @param reason one line: what is wrong with it
 */
public record SkippedCertificate(String origin, KernelErrno errno, String reason) {
  /** Requires every part. */
  public SkippedCertificate {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(errno, "errno");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return origin + ": not loaded (-" + errno.name() + "): " + reason;
  }
}
