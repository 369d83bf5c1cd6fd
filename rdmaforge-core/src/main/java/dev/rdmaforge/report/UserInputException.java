package dev.rdmaforge.report;

/**
 * Input the user can fix: a missing directory, an unreadable file, a bad argument. Front ends map
 * it to exit code 2 and print only its message, which names the file, the place in it and what to
 * do.
 */
public class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
