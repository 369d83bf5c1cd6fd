package dev.rdmaforge.build.plan;

/** What a step does. */
public enum StepKind {
  /** {@code rpmbuild --rebuild} of a bundle's kernel-package SRPM for a target kernel. */
  REBUILD("rebuild-kernel-package"),
  /** {@code rpmbuild --rebuild} of a dependent against its provider's devel output. */
  DEPENDENT("build-dependent");

  private final String id;

  StepKind(String id) {
    this.id = id;
  }

  /** The kind as plans and store entries name it. */
  public String id() {
    return id;
  }
}
