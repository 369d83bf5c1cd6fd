package dev.rdmaforge.kernel;

/**
 * A kernel's version magic ({@code VERMAGIC_STRING}) and the loader's comparison of a module's
 * magic with it; one place for {@code check} and {@code kabi}, so that both decide as the kernel
 * does.
 */
public final class Vermagic {
  private Vermagic() {}

  /**
   * {@code VERMAGIC_STRING} of include/linux/vermagic.h for x86-64, from the configuration: the
   * magic of a kernel whose own modules are not at hand.
   */
  public static String composed(String release, KernelConfig c) {
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
  public static boolean same(String moduleMagic, String kernelMagic, boolean hasCrcs) {
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
