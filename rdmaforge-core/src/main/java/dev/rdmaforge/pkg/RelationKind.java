package dev.rdmaforge.pkg;

/**
 * What a relation's name stands for. The kernel-module kinds are the capabilities RHEL's and
 * SUSE's kmod tooling generates: RHEL's {@code find-requires.ksyms} writes {@code kernel(sym) =
 * 0xCRC} for a symbol whose name and CRC the kernel's {@code Module.symvers} has and {@code
 * ksym(sym) = 0xCRC} for any other; {@code kmod.prov} provides {@code kmod(name.ko)}; kernel
 * packages provide {@code kernel-uname-r = RELEASE}.
 */
public enum RelationKind {
  /** A package name or a virtual capability. */
  PACKAGE,
  /** An absolute file path, e.g. {@code /usr/sbin/depmod}. */
  FILE,
  /** {@code rpmlib(Feature)}: a feature of rpm itself. */
  RPMLIB,
  /** {@code kernel(sym)}: a kernel symbol, its version the CRC. */
  KERNEL_SYMBOL,
  /** {@code ksym(sym)}, SUSE also {@code ksym(flavor:sym)}: a module symbol, version = CRC. */
  KSYM,
  /** {@code kmod(name.ko)}: a kernel module file name. */
  KMOD,
  /** {@code kernel-uname-r}: the kernel release, as its version. */
  KERNEL_RELEASE,
  /** An RPM rich dependency, e.g. {@code (a or b)}; kept as one name. */
  RICH
}
