package dev.rdmaforge.build.output;

import java.util.Objects;

/**
 * Whether one kmod package of the result loads on one target kernel.
 *
 * @param kernel the kernel release
 * @param pkg the package's label
 * @param verdict the kernel-compatibility matrix's verdict ({@code loads}, ...)
 * @param detail the failing module and symbols, empty when it loads
 */
public record LoadVerdict(String kernel, String pkg, String verdict, String detail) {

  /** Requires every part. */
  public LoadVerdict {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether it loads (directly or from weak-updates). */
  public boolean loads() {
    return verdict.equals("loads") || verdict.equals("loads-via-weak-updates");
  }
}
