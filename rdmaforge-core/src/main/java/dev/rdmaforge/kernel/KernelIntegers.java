package dev.rdmaforge.kernel;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The kernel's {@code kstrto*()} family with base 0 ({@code lib/kstrtox.c}), which is how module
 * parameters of integer type are parsed: an optional {@code +} (or {@code -} for signed types),
 * {@code 0x} hex, a leading-0 octal or decimal digits, one optional trailing newline, nothing
 * else. A failure of any kind makes the module refuse to load ({@code `v' invalid for parameter}).
 */
final class KernelIntegers {
  private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private KernelIntegers() {}

  /**
   * Parses {@code s} as the kernel does for an integer of {@code bits} bits, signed or not.
   *
   * @return the value, or empty when the kernel returns -EINVAL or -ERANGE
   */
  static Optional<BigInteger> parse(String s, int bits, boolean signed) {
    BigInteger v;
    if (signed && s.startsWith("-")) {
      Optional<BigInteger> magnitude = unsigned64(s.substring(1));
      if (magnitude.isEmpty()) {
        return Optional.empty();
      }
      v = magnitude.get().negate();
    } else {
      Optional<BigInteger> u = unsigned64(s.startsWith("+") ? s.substring(1) : s);
      if (u.isEmpty()) {
        return Optional.empty();
      }
      v = u.get();
    }
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
    BigInteger max = signed
        ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    return v.compareTo(min) < 0 || v.compareTo(max) > 0 ? Optional.empty() : Optional.of(v);
  }

  /** {@code _kstrtoull(s, 0)}: radix from the prefix, digits, one optional newline. */
  private static Optional<BigInteger> unsigned64(String s) {
    int radix = 10;
    int i = 0;
    if (s.startsWith("0")) {
      if (s.length() > 2 && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
          && hexDigit(s.charAt(2)) >= 0) {
        radix = 16;
        i = 2;
      } else {
        radix = 8;
      }
    }
    int start = i;
    BigInteger v = BigInteger.ZERO;
    BigInteger r = BigInteger.valueOf(radix);
    while (i < s.length()) {
      int d = hexDigit(s.charAt(i));
      if (d < 0 || d >= radix) {
        break;
      }
      v = v.multiply(r).add(BigInteger.valueOf(d));
      i++;
    }
    if (i == start || v.compareTo(MAX_U64) > 0) {
      return Optional.empty();
    }
    if (i < s.length() && s.charAt(i) == '\n') {
      i++;
    }
    return i == s.length() ? Optional.of(v) : Optional.empty();
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
