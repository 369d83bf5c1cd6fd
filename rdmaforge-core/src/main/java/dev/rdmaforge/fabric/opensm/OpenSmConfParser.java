package dev.rdmaforge.fabric.opensm;

import static dev.rdmaforge.fabric.rules.FabricRule.OPENSM_BOOLEAN;
import static dev.rdmaforge.fabric.rules.FabricRule.OPENSM_UNKNOWN_KEY;
import static dev.rdmaforge.fabric.rules.FabricRule.OPENSM_VALUE;

import dev.rdmaforge.fabric.yaml.Suggest;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads opensm.conf as OpenSM 3.3.23 ({@code osm_subnet.c}) does: {@code key value} lines,
 * {@code #} comments. Booleans are compared with {@code strcmp("TRUE", value)}, so {@code true}
 * is silently FALSE; unknown keys are printed as "Unrecognized token" and skipped; out-of-range
 * numbers are replaced by the default. The list of keys and their defaults comes from Debian's
 * opensm itself ({@code opensm -c}).
 */
public final class OpenSmConfParser {
  private static final Map<String, String> DEFAULTS = loadDefaults();

  private OpenSmConfParser() {}

  /** The keys OpenSM knows, with their default values. */
  public static Map<String, String> defaults() {
    return DEFAULTS;
  }

  /** Parses the text; {@code file} is used in locations. */
  public static OpenSmConf parse(String file, String text) {
    Map<String, OpenSmConf.Entry> values = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int start = 0;
      while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
        start++;
      }
      if (start >= line.length() || line.charAt(start) == '#') {
        continue;
      }
      int sp = start;
      while (sp < line.length() && !Character.isWhitespace(line.charAt(sp))) {
        sp++;
      }
      String key = line.substring(start, sp);
      String value = line.substring(sp).trim();
      Location at = Location.at(file, i + 1, start + 1);
      String dflt = DEFAULTS.get(key);
      if (dflt == null) {
        String near = Suggest.closest(key, DEFAULTS.keySet());
        findings.add(OPENSM_UNKNOWN_KEY.at(at, "OpenSM does not know '" + key
            + "' (prints  Unrecognized token: \"" + key + "\" and ignores the line)",
            near.isEmpty() ? "remove the line" : "perhaps you meant '" + near + "'"));
        continue;
      }
      check(key, value, dflt, at, findings);
      values.put(key, new OpenSmConf.Entry(value, at));
    }
    return new OpenSmConf(file, Collections.unmodifiableMap(values), List.copyOf(findings));
  }

  private static void check(String key, String value, String dflt, Location at, List<Finding> out) {
    if (dflt.equals("TRUE") || dflt.equals("FALSE")) {
      if (!value.equals("TRUE") && !value.equals("FALSE")) {
        out.add(OPENSM_BOOLEAN.at(at, key + " " + value + ": OpenSM compares with \"TRUE\", so"
            + " this is FALSE", "write " + key + " " + (value.equalsIgnoreCase("true")
                || value.equals("1") || value.equalsIgnoreCase("yes") ? "TRUE" : "FALSE")));
      }
      return;
    }
    switch (key) {
      case "sm_priority" -> range(key, value, 0, 15, dflt, at, out);
      case "lmc" -> range(key, value, 0, 7, dflt, at, out);
      case "sm_sl" -> range(key, value, 0, 15, dflt, at, out);
      case "part_enforce" -> {
        if (!List.of("both", "in", "out", "off").contains(value)) {
          out.add(OPENSM_VALUE.at(at, "part_enforce " + value + ": OpenSM uses the default"
              + " (both)", "write both, in, out or off"));
        }
      }
      default -> {
        // free-form or numeric option without a documented range
      }
    }
  }

  private static void range(String key, String value, int min, int max, String dflt, Location at,
      List<Finding> out) {
    try {
      long v = Long.decode(value);
      if (v < min || v > max) {
        out.add(OPENSM_VALUE.at(at, key + " " + value + " is outside " + min + ".." + max
            + "; OpenSM uses its default " + dflt, "use a value " + min + ".." + max));
      }
    } catch (NumberFormatException ex) {
      out.add(OPENSM_VALUE.at(at, key + " '" + value + "' is not a number (OpenSM: Parsing error"
          + " in field " + key + ", expected numeric input)", "write a number " + min + ".." + max));
    }
  }

  private static Map<String, String> loadDefaults() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = OpenSmConfParser.class.getResourceAsStream("opensm-options.txt");
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int sp = line.indexOf(' ');
        out.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1).trim());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return Collections.unmodifiableMap(out);
  }
}
