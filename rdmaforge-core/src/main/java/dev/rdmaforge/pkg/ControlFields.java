package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a Debian binary package's {@code control} file: one deb822 paragraph of {@code
 * Name: value} lines, continuation lines starting with a space or tab. Names are matched without
 * regard to case, as dpkg matches them. A value is kept as the file writes it: the first line
 * without the blanks after the colon, then each continuation line (leading blank included) after a
 * newline; trailing blanks of the whole value are dropped. That is what {@code dpkg-deb -f PKG
 * FIELD} prints for free-text fields such as Description.
 */
public final class ControlFields {
  private final Map<String, String> values;
  private final Map<String, String> names;

  private ControlFields(Map<String, String> values, Map<String, String> names) {
    this.values = values;
    this.names = names;
  }

  /**
   * Parses {@code text} (one paragraph; blank lines may follow it, {@code #} lines are comments).
   *
   * @param where the file for messages, e.g. {@code x.deb: control}
   * @throws UserInputException at {@code where:line:column} for what dpkg would refuse
   */
  public static ControlFields parse(String where, String text) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    String current = null;
    StringBuilder value = null;
    boolean ended = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineNumber = i + 1;
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (current != null) {
          ended = true;
        }
        continue;
      }
      if (ended) {
        throw new UserInputException(where + ":" + lineNumber + ":1: a second paragraph; a"
            + " binary package's control file has exactly one: remove the blank line before it");
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        if (current == null) {
          throw new UserInputException(where + ":" + lineNumber + ":1: a continuation line"
              + " before any field: remove the leading blank or add the field name");
        }
        value.append('\n').append(line);
        continue;
      }
      if (current != null) {
        values.put(current, value.toString().stripTrailing());
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new UserInputException(where + ":" + lineNumber + ":" + (colon == 0 ? 1
            : line.length() + 1) + ": " + (colon == 0 ? "a field with an empty name"
            : "no ':' after the field name") + ": write 'Name: value'");
      }
      String name = line.substring(0, colon);
      for (int c = 0; c < name.length(); c++) {
        char ch = name.charAt(c);
        if (ch <= ' ' || ch > '~') {
          throw new UserInputException(where + ":" + lineNumber + ":" + (c + 1) + ": the field"
              + " name '" + name + "' contains a blank or a non-ASCII character: write"
              + " 'Name: value'");
        }
      }
      if (name.startsWith("-")) {
        throw new UserInputException(where + ":" + lineNumber + ":1: the field name '" + name
            + "' starts with '-'");
      }
      current = name.toLowerCase(Locale.ROOT);
      if (values.containsKey(current)) {
        throw new UserInputException(where + ":" + lineNumber + ":1: the field '" + name
            + "' appears twice; dpkg refuses a duplicate field: keep one");
      }
      names.put(current, name);
      value = new StringBuilder(line.substring(colon + 1).stripLeading());
    }
    if (current != null) {
      values.put(current, value.toString().stripTrailing());
    }
    if (values.isEmpty()) {
      throw new UserInputException(where + ":1:1: no fields: a control file needs at least"
          + " Package, Version and Architecture");
    }
    return new ControlFields(values, names);
  }

  /** The value of field {@code name} (any case), as described in the class comment. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The field names as the file spells them, in file order. */
  public List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(names.values()));
  }

  /** The paragraph as {@code Name: value} lines. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      text.append(names.get(e.getKey())).append(": ").append(e.getValue()).append('\n');
    }
    return text.toString();
  }
}
