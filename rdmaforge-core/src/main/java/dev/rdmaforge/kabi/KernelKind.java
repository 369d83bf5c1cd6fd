package dev.rdmaforge.kabi;

/** What a kernel input is, which decides how much of the kernel's behaviour can be known. */
public enum KernelKind {
  /** A kernel package (Debian linux-image .deb, RPM kernel/kernel-core): the real Checker runs. */
  PACKAGE("package"),
  /** A Module.symvers or RHEL symvers-RELEASE.gz: exports and CRCs only. */
  SYMVERS("symvers"),
  /** A kernel header tree: Module.symvers, include/generated/utsrelease.h and .config. */
  HEADERS("headers");

  private final String id;

  KernelKind(String id) {
    this.id = id;
  }

  /** The name in the JSON contract. */
  public String id() {
    return id;
  }
}
