package dev.rdmaforge.fabric.opensm;

/** A port's membership in a partition: the PKey's top bit. */
public enum Membership {
  /** Limited (bit 0x8000 clear): may talk to full members only. */
  LIMITED,
  /** Full (bit 0x8000 set). */
  FULL,
  /** Full and limited; needs {@code allow_both_pkeys TRUE}, else acts as full. */
  BOTH
}
