package dev.rdmaforge.kernel.keys;

/** Hex text of key ids, in the kernel's lower case ({@code bin2hex}). */
final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  static String lower(byte[] bytes) {
    char[] text = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      text[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      text[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(text);
  }

  /** Upper-case pairs joined by ':', as modinfo prints sig_key (66:F5:4E:...). */
  static String colons(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 3);
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        text.append(':');
      }
      text.append(Character.toUpperCase(DIGITS[(bytes[i] >> 4) & 0xf]));
      text.append(Character.toUpperCase(DIGITS[bytes[i] & 0xf]));
    }
    return text.toString();
  }
}
