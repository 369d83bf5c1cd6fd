package dev.rdmaforge.testkit.judge;

/**
 * The boot gave no trustworthy verdicts: the guest did not finish, left modules loaded that a later
 * scenario needs clean, or did something the judge cannot put into the vocabulary. The message
 * carries the evidence (serial log tail, the target's transcript) and the work directory, which is
 * kept.
 */
public final class GuestFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GuestFailure(String message) {
    super(message);
  }
}
