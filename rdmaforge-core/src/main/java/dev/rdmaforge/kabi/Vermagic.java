package dev.rdmaforge.kabi;

import dev.rdmaforge.kernel.KernelConfig;

/** The kernel's version magic where no module of its own tells it. */
final class Vermagic {
  private Vermagic() {}

  /** {@code VERMAGIC_STRING} of include/linux/vermagic.h for x86-64, from the configuration. */
  static String composed(String release, KernelConfig c) {
    StringBuilder b = new StringBuilder(release).append(' ');
    if (c.isEnabled("CONFIG_SMP")) {
      b.append("SMP ");
    }
    if (c.isEnabled("CONFIG_PREEMPT_RT")) {
      b.append("preempt_rt ");
    } else if (c.isEnabled("CONFIG_PREEMPT_BUILD") || c.isEnabled("CONFIG_PREEMPT")) {
      b.append("preempt ");
    }
    if (c.isEnabled("CONFIG_MODULE_UNLOAD")) {
      b.append("mod_unload ");
    }
    if (c.isEnabled("CONFIG_MODVERSIONS")) {
      b.append("modversions ");
    }
    return b.toString();
  }

  /** {@code same_magic}: with CRCs the release (up to the first space) is not compared. */
  static boolean same(String moduleMagic, String kernelMagic, boolean hasCrcs) {
    if (hasCrcs) {
      return afterFirstSpace(moduleMagic).equals(afterFirstSpace(kernelMagic));
    }
    return moduleMagic.equals(kernelMagic);
  }

  private static String afterFirstSpace(String s) {
    int sp = s.indexOf(' ');
    return sp < 0 ? "" : s.substring(sp);
  }
}
