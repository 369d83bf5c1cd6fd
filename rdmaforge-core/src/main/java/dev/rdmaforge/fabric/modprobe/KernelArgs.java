package dev.rdmaforge.fabric.modprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's {@code next_arg} (lib/cmdline.c): how module options (passed by modprobe as one
 * string) and the kernel command line are cut into {@code name=value} words. Words are separated
 * by blanks; double quotes group blanks into a word and are dropped around the value (or around
 * the whole word).
 */
public final class KernelArgs {
  private KernelArgs() {}

  /** Splits {@code text} into words. */
  public static List<KernelArg> split(String text) {
    List<KernelArg> out = new ArrayList<>();
    int i = skipSpaces(text, 0);
    while (i < text.length()) {
      int start = i;
      boolean quoted = false;
      if (text.charAt(i) == '"') {
        i++;
        quoted = true;
      }
      int wordStart = i;
      boolean inQuote = quoted;
      int equals = -1;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (isSpace(c) && !inQuote) {
          break;
        }
        if (equals < 0 && c == '=') {
          equals = i;
        }
        if (c == '"') {
          inQuote = !inQuote;
        }
        i++;
      }
      String word = text.substring(wordStart, i);
      boolean closingQuote = i > wordStart && text.charAt(i - 1) == '"';
      String name;
      Optional<String> value;
      if (equals < 0) {
        name = quoted && closingQuote ? word.substring(0, word.length() - 1) : word;
        value = Optional.empty();
      } else {
        name = text.substring(wordStart, equals);
        String v = text.substring(equals + 1, i);
        if (v.startsWith("\"")) {
          v = v.substring(1);
          if (closingQuote && !v.isEmpty()) {
            v = v.substring(0, v.length() - 1);
          }
        } else if (quoted && closingQuote && !v.isEmpty()) {
          v = v.substring(0, v.length() - 1);
        }
        value = Optional.of(v);
      }
      out.add(new KernelArg(name, value, start));
      i = skipSpaces(text, i);
    }
    return out;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The kernel's isspace: blank, tab, newline, vertical tab, form feed, carriage return. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }
}
