package dev.rdmaforge.modprobe;

/**
 * kmod's {@code underscores()}, which modprobe.d parsing applies to every module name and alias:
 * each {@code -} becomes {@code _}, except inside a bracket expression {@code [...]}; a {@code ]}
 * without its {@code [}, or a {@code [} never closed, makes the word invalid.
 */
final class Names {
  private Names() {}

  /** The normalised word, or null when kmod rejects it. */
  static String underscores(String word) {
    if (word == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(word.length());
    int failedAt = convert(word, out);
    return failedAt >= 0 ? null : out.toString();
  }

  /**
   * The word as kmod leaves it in its buffer after a failed {@code underscores()}: converted up to
   * the offending character, the rest untouched (what kmod's error message then prints).
   */
  static String afterFailure(String word) {
    StringBuilder out = new StringBuilder(word.length());
    int failedAt = convert(word, out);
    return failedAt < 0 ? out.toString() : out + word.substring(out.length());
  }

  /** Converts into {@code out}; returns the index where the word turned out invalid, or -1. */
  private static int convert(String word, StringBuilder out) {
    int i = 0;
    while (i < word.length()) {
      char c = word.charAt(i);
      if (c == '-') {
        out.append('_');
      } else if (c == ']') {
        return i;
      } else if (c == '[') {
        int close = word.indexOf(']', i);
        if (close < 0) {
          return i;
        }
        out.append(word, i, close + 1);
        i = close + 1;
        continue;
      } else {
        out.append(c);
      }
      i++;
    }
    return -1;
  }
}
