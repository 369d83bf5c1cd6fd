/**
 * {@code rdmaforge kabi}: the kernel-compatibility matrix. For every kmod package and every kernel
 * given, what the kernel does when the package's modules are loaded ({@code loads}, {@code
 * loads-via-weak-updates}, or the failing verdict of {@link dev.rdmaforge.check.Checker}), decided
 * against the providers that would be chosen, and whether RPM's own {@code kernel(sym)}
 * requirements agree. Entry point: {@link dev.rdmaforge.kabi.KabiMatrixBuilder}.
 */
package dev.rdmaforge.kabi;
