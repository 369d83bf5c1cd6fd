package dev.rdmaforge.fabric.kernel;

import java.util.Optional;

/**
 * What fabric render and validate need to know about the target kernel: which modules it has and
 * the parameters each accepts. A real module tree ({@link ModuleTreeFacts}) is the authority; the
 * table bundled from Debian 6.1 ({@link BundledKernelFacts}) stands in when no tree is given, and
 * findings judged against it say so.
 */
public interface KernelFacts {

  /** Whether a module name exists in the kernel. */
  enum Presence {
    /** A loadable module file. */
    MODULE,
    /** Built into the kernel image (listed in modules.builtin). */
    BUILTIN,
    /** Neither: modprobe says "Module X not found". */
    ABSENT,
    /** Not covered by the facts at hand (the bundled table lists only RDMA modules). */
    UNKNOWN
  }

  /** The kernel the facts describe, for messages: release and where they were read. */
  String label();

  /** True when the facts were read from the target's own module files. */
  boolean authoritative();

  /** Whether {@code module} (a name or a plain alias, {@code -} and {@code _} alike) exists. */
  Presence presence(String module);

  /** The parameters of a loadable module, if the module exists and is covered. */
  Optional<ModuleParameters> parameters(String module);

  /**
   * Whether the Intel IOMMU is on without {@code intel_iommu=on} ({@code
   * CONFIG_INTEL_IOMMU_DEFAULT_ON}, or Debian's {@code CONFIG_INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF}),
   * if the kernel configuration is known.
   */
  Optional<Boolean> intelIommuDefaultOn();

  /** kmod's module name for a word: {@code -} becomes {@code _}. */
  static String normalise(String module) {
    return module.replace('-', '_');
  }
}
