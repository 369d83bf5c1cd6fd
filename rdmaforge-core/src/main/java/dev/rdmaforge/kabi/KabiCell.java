package dev.rdmaforge.kabi;

import java.util.List;
import java.util.Objects;

/**
 * One cell: a package on a kernel.
 *
 * @param pkg the package's label
 * @param kernel the kernel's release
 * @param verdict {@code loads}, {@code loads-via-weak-updates}, or the failing verdict of the
 *     module that decides (the first in the kernel's check order that fails on its own account;
 *     {@code dependency-failed} only when a provider from another package fails)
 * @param modules the package's modules
 * @param providers the labels of the other packages whose modules it was checked with
 * @param decidedBy {@code checker} (the kernel package's tree, the full check) or {@code symvers}
 * @param rpm RPM's {@code kernel(sym)} view; null for a DEB
 */
public record KabiCell(
    String pkg, String kernel, String verdict, List<KabiModule> modules, List<String> providers,
    String decidedBy, RpmCheck rpm) {

  /** The verdict of a cell whose modules all load from weak-updates/. */
  public static final String WEAK_UPDATES = "loads-via-weak-updates";

  /** Freezes the lists. */
  public KabiCell {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(verdict, "verdict");
    modules = List.copyOf(modules);
    providers = List.copyOf(providers);
  }

  /** Whether the package's modules load (directly or from weak-updates). */
  public boolean loads() {
    return verdict.equals("loads") || verdict.equals(WEAK_UPDATES);
  }
}
