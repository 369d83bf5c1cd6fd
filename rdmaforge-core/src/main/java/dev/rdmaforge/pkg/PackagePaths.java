package dev.rdmaforge.pkg;

/**
 * Turns the names a package stores (RPM header {@code /usr/x}, cpio {@code ./usr/x}, tar {@code
 * ./usr/x/}) into package paths ({@code usr/x}) and says what is wrong with a name that is no safe
 * path: a {@code ..} component would climb out of any root the package is installed into.
 */
final class PackagePaths {
  /** Linux's PATH_MAX less the terminating NUL. */
  static final int MAX_PATH = 4095;
  /** Linux's NAME_MAX. */
  static final int MAX_NAME = 255;

  private PackagePaths() {}

  /**
   * {@code raw} without one leading {@code ./} or {@code /} and without a trailing {@code /};
   * {@code ""} names the root itself ({@code ./}, {@code .}, {@code /}). The result still needs
   * {@link #problem}.
   */
  static String strip(String raw) {
    String path = raw;
    if (path.startsWith("./")) {
      path = path.substring(2);
    } else if (path.startsWith("/")) {
      path = path.substring(1);
    } else if (path.equals(".")) {
      path = "";
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  /** Why {@code path} is not a normal package path, or null when it is one. */
  static String problem(String path) {
    if (path.isEmpty()) {
      return "the name is empty";
    }
    if (path.length() > MAX_PATH) {
      return "the name is " + path.length() + " characters long, more than Linux's PATH_MAX";
    }
    if (path.indexOf('\0') >= 0) {
      return "the name contains a NUL byte";
    }
    if (path.startsWith("/")) {
      return "the name is absolute after its prefix was removed";
    }
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String component = path.substring(start, end);
      if (component.equals("..")) {
        return "it has a '..' component, which would climb out of the root it is installed into";
      }
      if (component.isEmpty() || component.equals(".")) {
        return "it has an empty or '.' component";
      }
      if (component.length() > MAX_NAME) {
        return "a component is longer than Linux's NAME_MAX (255)";
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return null;
  }
}
