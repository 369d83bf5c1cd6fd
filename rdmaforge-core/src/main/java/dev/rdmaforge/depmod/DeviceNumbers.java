package dev.rdmaforge.depmod;

/** {@code sscanf(value, "char-major-%u-%u", &maj, &min) == 2}, as depmod reads device aliases. */
final class DeviceNumbers {
  private DeviceNumbers() {}

  /** The two numbers after {@code prefix}, or null when sscanf would not match both. */
  static long[] scan(String value, String prefix) {
    if (!value.startsWith(prefix)) {
      return null;
    }
    int[] pos = {prefix.length()};
    Long major = unsigned(value, pos);
    if (major == null || pos[0] >= value.length() || value.charAt(pos[0]) != '-') {
      return null;
    }
    pos[0]++;
    Long minor = unsigned(value, pos);
    if (minor == null) {
      return null;
    }
    return new long[] {major, minor};
  }

  /** %u: optional whitespace and sign, decimal digits, wrapped to 32 bits as glibc stores it. */
  private static Long unsigned(String s, int[] pos) {
    int i = pos[0];
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int start = i;
    long v = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = v * 10 + (s.charAt(i) - '0');
      i++;
    }
    if (i == start) {
      return null;
    }
    pos[0] = i;
    if (negative) {
      v = -v;
    }
    return v & 0xffffffffL;
  }
}
