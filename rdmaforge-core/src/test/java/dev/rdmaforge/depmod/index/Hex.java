package dev.rdmaforge.depmod.index;

import java.util.HexFormat;

/** Hex literals for golden bytes; whitespace and {@code |} separators are ignored. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
