package dev.rdmaforge.fabric.opensm;

/**
 * C's {@code strtoul(s, &end, 0)} on a Java string: leading blanks, optional sign, {@code 0x}
 * hex, leading-0 octal or decimal; saturates at 2^64-1 like glibc on overflow. OpenSM reads
 * PKeys, GUIDs and flag values this way, so "what OpenSM sees" follows from it.
 *
 * @param value the unsigned 64-bit value (as a Java long)
 * @param end index of the first character not consumed
 * @param digits whether any digit was consumed (else {@code end} is 0, as in C)
 * @param overflow whether the value saturated
 */
public record CNumber(long value, int end, boolean digits, boolean overflow) {

  /** Parses from the start of {@code s}. */
  public static CNumber parse(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int base = 10;
    if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
      base = 16;
      i += 2;
    } else if (i < n && s.charAt(i) == '0') {
      base = 8;
    }
    int start = i;
    long value = 0;
    boolean overflow = false;
    while (i < n && Character.digit(s.charAt(i), base) >= 0) {
      int d = Character.digit(s.charAt(i), base);
      if (!overflow) {
        long hi = Math.multiplyHigh(value, base) + ((value >> 63) & base);
        long next = value * base + d;
        if (hi != 0 || Long.compareUnsigned(next, value * base) < 0) {
          overflow = true;
        } else {
          value = next;
        }
      }
      i++;
    }
    if (i == start) {
      return new CNumber(0, 0, false, false);
    }
    if (overflow) {
      value = -1L;
    } else if (negative) {
      value = -value;
    }
    return new CNumber(value, i, true, overflow);
  }

  /** True if the whole string (after trimming trailing blanks) was a number. */
  public boolean whole(String s) {
    return digits && s.substring(end).isBlank();
  }
}
