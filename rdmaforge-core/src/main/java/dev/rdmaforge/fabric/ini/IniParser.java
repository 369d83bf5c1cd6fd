package dev.rdmaforge.fabric.ini;

import static dev.rdmaforge.fabric.rules.FabricRule.INI_SYNTAX;

import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads ini files the way oslo.config's {@code iniparser} does (and keeps line:column, which no
 * Java ini library does): trailing blanks are dropped; a blank line ends a value; a line starting
 * with blank or tab continues the previous value (it is never a new key); {@code #} or {@code ;}
 * at the start of a line is a comment (never after a value); a key is split at the first of
 * {@code =} or {@code :}; the value is trimmed and loses one pair of matching outer quotes; every
 * assignment needs a section; group names other than DEFAULT are lower-cased.
 */
public final class IniParser {
  private IniParser() {}

  /** oslo's group name: {@code DEFAULT} stays, everything else is lower-cased. */
  public static String normalise(String section) {
    return section.equals("DEFAULT") ? section : section.toLowerCase(Locale.ROOT);
  }

  /** Parses the text; {@code file} is used in locations. */
  public static IniFile parse(String file, String text) {
    List<IniEntry> entries = new ArrayList<>();
    Map<String, Location> sections = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    String section = null;
    String written = null;
    String key = null;
    List<String> value = new ArrayList<>();
    Location keyAt = null;
    Location valueAt = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripTrailing(lines[i]);
      int ln = i + 1;
      if (line.isEmpty()) {
        if (key != null) {
          entries.add(
              new IniEntry(section, written, key, String.join("\n", value), keyAt, valueAt));
          key = null;
        }
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (key == null) {
          findings.add(INI_SYNTAX.at(Location.at(file, ln, 1), "unexpected continuation line"
              + " (oslo.config: ParseError) - an indented line continues the previous value",
              "remove the indentation, or put the line after the option it continues"));
        } else {
          value.add(line.strip());
        }
        continue;
      }
      if (key != null) {
        entries.add(new IniEntry(section, written, key, String.join("\n", value), keyAt, valueAt));
        key = null;
      }
      char c = line.charAt(0);
      if (c == '[') {
        if (line.charAt(line.length() - 1) != ']') {
          findings.add(INI_SYNTAX.at(Location.at(file, ln, line.length()), "section header '"
              + line + "' has no closing ']' (oslo.config: ParseError); the whole file is refused",
              "end the line with ]"));
        } else if (line.length() <= 2) {
          findings.add(INI_SYNTAX.at(Location.at(file, ln, 1), "empty section name (oslo.config:"
              + " ParseError)", "name the section"));
        } else {
          written = line.substring(1, line.length() - 1);
          section = normalise(written);
          sections.putIfAbsent(section, Location.at(file, ln, 2));
        }
      } else if (c == '#' || c == ';') {
        continue;
      } else {
        int colon = line.indexOf(':');
        int equal = line.indexOf('=');
        if (colon < 0 && equal < 0) {
          findings.add(INI_SYNTAX.at(Location.at(file, ln, 1), "'" + line + "' has no '=' (oslo"
              + ".config: ParseError, No ':' or '=' found in assignment)", "write key = value"));
          continue;
        }
        int split = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
        String k = line.substring(0, split).strip();
        if (k.isEmpty()) {
          findings.add(INI_SYNTAX.at(Location.at(file, ln, 1), "assignment without a key (oslo"
              + ".config: ParseError, Key cannot be empty)", "write key = value"));
          continue;
        }
        if (section == null) {
          findings.add(INI_SYNTAX.at(Location.at(file, ln, 1), "'" + k + "' comes before any"
              + " section (oslo.config: Section must be started before assignment)",
              "put it under [DEFAULT] or the section it belongs to"));
          continue;
        }
        String raw = line.substring(split + 1);
        int lead = 0;
        while (lead < raw.length() && Character.isWhitespace(raw.charAt(lead))) {
          lead++;
        }
        String v = raw.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
            && v.charAt(0) == v.charAt(v.length() - 1)) {
          v = v.substring(1, v.length() - 1);
        }
        key = k;
        value = new ArrayList<>();
        value.add(v);
        keyAt = Location.at(file, ln, 1);
        valueAt = Location.at(file, ln, split + 2 + lead);
      }
    }
    if (key != null) {
      entries.add(new IniEntry(section, written, key, String.join("\n", value), keyAt, valueAt));
    }
    return new IniFile(file, entries, sections, findings);
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
