package dev.rdmaforge.depmod;

/**
 * A condition that makes kmod's depmod stop with a FATAL message and exit code 1 (an unopenable
 * module directory, an unreadable -E file). The message is kmod's text without the prefix.
 */
public final class DepmodFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public DepmodFailure(String message) {
    super(message);
  }
}
