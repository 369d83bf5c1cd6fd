package dev.rdmaforge.build.store;

import dev.rdmaforge.report.UserInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and ages as people write them for {@code cache gc}: {@code 500M}, {@code 10G}, {@code
 * 1.5T} (binary units: K = 1024 bytes; a plain number is bytes) and {@code 30d}, {@code 12h},
 * {@code 90m}, {@code 45s}, {@code 2w} or ISO-8601 ({@code P30D}, {@code PT12H}).
 */
public final class StoreUnits {
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:i?B)?");
  private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

  private StoreUnits() {}

  /** Bytes of {@code text}; {@code option} names it in messages. */
  public static long size(String option, String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UserInputException(option + " '" + text + "' is not a size; write e.g. 500M,"
          + " 10G or 1.5T (K, M, G, T are powers of 1024; a plain number is bytes)");
    }
    int power = m.group(2).isEmpty() ? 0 : "KMGT".indexOf(m.group(2)) + 1;
    double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
    return (long) bytes;
  }

  /** The duration of {@code text}; {@code option} names it in messages. */
  public static Duration age(String option, String text) {
    String t = text.trim();
    Matcher m = AGE.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    try {
      if (t.toUpperCase(Locale.ROOT).matches("P\\d+D")) {
        return Duration.ofDays(Long.parseLong(t.substring(1, t.length() - 1)));
      }
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new UserInputException(option + " '" + text + "' is not a duration; write e.g. 30d,"
          + " 12h, 90m, 2w or ISO-8601 (P30D, PT12H)");
    }
  }

  /** {@code 1.5 GiB} style, for listings. */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String units = "KMGT";
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length() - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %siB", v, units.charAt(u));
  }
}
