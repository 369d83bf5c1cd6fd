package dev.rdmaforge.image.initramfs;

/**
 * Whether the image's initramfs generator puts a module in at its next run, and why.
 *
 * @param module the module name
 * @param verdict the answer
 * @param reason the configuration line or rule that decided, in words
 */
public record Inclusion(String module, Verdict verdict, String reason) {
  /** The answer. */
  public enum Verdict {
    /** The configuration puts it in (listed, or in a directory the generator copies). */
    INCLUDED,
    /** The configuration leaves it out. */
    NOT_INCLUDED,
    /** It depends on the machine the generator runs on (MODULES=dep, dracut's hostonly). */
    UNKNOWN
  }
}
