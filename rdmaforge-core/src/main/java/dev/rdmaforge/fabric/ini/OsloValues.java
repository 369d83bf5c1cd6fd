package dev.rdmaforge.fabric.ini;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** oslo.config's value conversions, so a value is judged as the service will judge it. */
public final class OsloValues {
  private static final List<String> TRUE = List.of("true", "1", "on", "yes");
  private static final List<String> FALSE = List.of("false", "0", "off", "no");

  private OsloValues() {}

  /** oslo {@code types.Boolean}: empty if the value is neither true nor false. */
  public static Optional<Boolean> bool(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return Optional.of(true);
    }
    if (FALSE.contains(v)) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** oslo {@code types.Integer}: empty if not an integer. */
  public static Optional<Long> integer(String value) {
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException ex) {
      return Optional.empty();
    }
  }

  /** oslo {@code types.List}: split at commas, items trimmed and unquoted, empties dropped. */
  public static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String s = item.strip();
      if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')
          && s.charAt(s.length() - 1) == s.charAt(0)) {
        s = s.substring(1, s.length() - 1);
      }
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
