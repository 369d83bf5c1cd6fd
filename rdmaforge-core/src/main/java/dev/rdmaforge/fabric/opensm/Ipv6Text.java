package dev.rdmaforge.fabric.opensm;

import java.util.Optional;

/** Parses IPv6 text ({@code ff12:401b::ffff:ffff}) into 16 bytes, as inet_pton does. */
final class Ipv6Text {
  private Ipv6Text() {}

  static Optional<byte[]> parse(String text) {
    if (text == null || text.isEmpty() || text.contains(":::")) {
      return Optional.empty();
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    String head = gap >= 0 ? text.substring(0, gap) : text;
    String tail = gap >= 0 ? text.substring(gap + 2) : "";
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return Optional.empty();
    }
    int total = h.length + t.length;
    if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
      return Optional.empty();
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int g = 8 - t.length + i;
      out[2 * g] = (byte) (t[i] >> 8);
      out[2 * g + 1] = (byte) t[i];
    }
    return Optional.of(out);
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] g = part.split(":", -1);
    int[] out = new int[g.length];
    for (int i = 0; i < g.length; i++) {
      if (g[i].isEmpty() || g[i].length() > 4) {
        return null;
      }
      for (char c : g[i].toCharArray()) {
        if (Character.digit(c, 16) < 0) {
          return null;
        }
      }
      out[i] = Integer.parseInt(g[i], 16);
    }
    return out;
  }
}
