package dev.rdmaforge.depmod.index;

import java.nio.charset.StandardCharsets;

/** Strings that stand for C strings: one char per byte, no NUL. */
final class Latin1 {
  private Latin1() {}

  /**
   * The bytes of {@code s}, refusing what a C string cannot hold: a NUL would end kmod's string
   * early, and a char above 0xFF is not a byte at all.
   */
  static byte[] requireCString(String s, String what) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0 || c > 0xFF) {
        throw new IllegalArgumentException(
            what
                + " "
                + describe(s)
                + " has "
                + (c == 0 ? "a NUL" : String.format("char U+%04X", (int) c))
                + " at position "
                + i
                + ": kmod indexes hold C strings of bytes (1..255); pass bytes as ISO-8859-1 chars");
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String string(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** A short, printable rendering of a byte string for error messages. */
  static String describe(String s) {
    StringBuilder sb = new StringBuilder("'");
    int limit = Math.min(s.length(), 120);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') {
        sb.append(c);
      } else {
        sb.append(String.format("\\x%02x", (int) c & 0xFF));
      }
    }
    if (limit < s.length()) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
