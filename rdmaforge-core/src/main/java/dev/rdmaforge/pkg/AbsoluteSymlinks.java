package dev.rdmaforge.pkg;

/**
 * What extraction does with a symbolic link whose target is absolute ({@code build ->
 * /usr/src/linux-headers-KVER}, RHEL's weak-updates links). Followed on the machine that extracts,
 * such a link leaves the output root, so by default it is refused; an output root that is an image
 * (rdmaforge's {@code --root} view) keeps it, with its target meaning the same path inside the
 * root. Either way rdmaforge never follows a link out of the root, and relative links that climb
 * above the root are always refused.
 */
public enum AbsoluteSymlinks {
  /** An absolute link is an error naming the entry. */
  REFUSE,
  /**
   * The link is created as stored; when extraction must pass through it, it is resolved inside the
   * output root, as the image's own system would resolve it after {@code chroot}.
   */
  IMAGE
}
