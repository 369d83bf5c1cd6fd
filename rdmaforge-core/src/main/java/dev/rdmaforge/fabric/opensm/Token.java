package dev.rdmaforge.fabric.opensm;

import java.util.ArrayList;
import java.util.List;

/**
 * One comma-separated item of a partitions.conf statement, split at its first {@code =} and
 * trimmed of blanks, tabs and newlines (not CR), as OpenSM's {@code parse_name_token} does.
 *
 * @param text the raw item
 * @param name the part before {@code =}, trimmed
 * @param value the part after {@code =}, trimmed; null if there is no {@code =}
 * @param start index of the trimmed name's first character in the line
 */
record Token(String text, String name, String value, int start) {

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
  }

  /** Splits {@code s[from, to)} at commas. Always returns at least one token. */
  static List<Token> split(String s, int from, int to) {
    List<Token> out = new ArrayList<>();
    int pos = from;
    while (true) {
      int comma = s.indexOf(',', pos);
      int end = comma < 0 || comma >= to ? to : comma;
      out.add(of(s, pos, end));
      if (end == to) {
        return out;
      }
      pos = end + 1;
    }
  }

  private static Token of(String s, int from, int to) {
    String raw = s.substring(from, to);
    int eq = raw.indexOf('=');
    String name = eq < 0 ? raw : raw.substring(0, eq);
    int lead = 0;
    while (lead < name.length() && isBlank(name.charAt(lead))) {
      lead++;
    }
    return new Token(raw, trim(name), eq < 0 ? null : trim(raw.substring(eq + 1)), from + lead);
  }

  private static String trim(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isBlank(s.charAt(a))) {
      a++;
    }
    while (b > a && isBlank(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }
}
