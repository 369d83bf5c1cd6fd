package dev.rdmaforge.fabric.host;

import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a GLib key file as {@code g_key_file_load_from_data} does: leading blanks are skipped; a
 * blank line or one starting with {@code #} is a comment; {@code [group]}; {@code key=value}
 * split at the first {@code =} with blanks around the key and before the value dropped; a key
 * before any group, or a line that is none of these, makes GLib refuse the whole file.
 */
public final class KeyFileParser {
  private KeyFileParser() {}

  /** Parses the text; {@code file} is used in locations. */
  public static KeyFile parse(String file, String text) {
    Map<String, Map<String, KeyFile.Entry>> groups = new LinkedHashMap<>();
    List<KeyFile.Error> errors = new ArrayList<>();
    String group = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      int start = 0;
      while (start < raw.length() && isSpace(raw.charAt(start))) {
        start++;
      }
      String l = raw.substring(start);
      Location at = Location.at(file, i + 1, start + 1);
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[")) {
        int close = l.lastIndexOf(']');
        String name = close < 0 ? "" : l.substring(1, close);
        if (close < 0 || name.isEmpty() || name.contains("[") || name.contains("]")) {
          errors.add(new KeyFile.Error(at, "Invalid group name: " + l));
        } else {
          group = name;
          groups.computeIfAbsent(group, g -> new LinkedHashMap<>());
        }
        continue;
      }
      int eq = l.indexOf('=');
      if (eq < 0) {
        errors.add(new KeyFile.Error(at, "Key file contains line \u201c" + l + "\u201d which is not"
            + " a key-value pair, group, or comment"));
        continue;
      }
      if (group == null) {
        errors.add(new KeyFile.Error(at, "Key file does not start with a group"));
        continue;
      }
      String key = l.substring(0, eq).stripTrailing();
      if (key.isEmpty()) {
        errors.add(new KeyFile.Error(at, "Empty key name in key file"));
        continue;
      }
      String value = l.substring(eq + 1);
      int v = 0;
      while (v < value.length() && isSpace(value.charAt(v))) {
        v++;
      }
      groups.get(group).put(key, new KeyFile.Entry(unescape(value.substring(v)), at));
    }
    return new KeyFile(file, groups, errors);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 's' -> b.append(' ');
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case '\\' -> b.append('\\');
          default -> b.append('\\').append(n);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
