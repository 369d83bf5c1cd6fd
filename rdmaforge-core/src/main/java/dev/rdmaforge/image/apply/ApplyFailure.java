package dev.rdmaforge.image.apply;

/**
 * The apply cannot be done or did not work (exit 1): the stack has no build for the image's kernel,
 * the package manager refused, or a module would not load. What was done is undone first.
 */
public final class ApplyFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with the text the user reads. */
  public ApplyFailure(String message) {
    super(message);
  }

  /** A failure with its cause. */
  public ApplyFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
