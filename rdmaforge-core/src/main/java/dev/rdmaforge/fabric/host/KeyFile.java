package dev.rdmaforge.fabric.host;

import dev.rdmaforge.report.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GLib key file (NetworkManager's {@code *.nmconnection}) as {@code g_key_file_load} reads it.
 *
 * @param file the file as named by the user
 * @param groups group name to its keys (last value of a repeated key wins), groups merged
 * @param errors why GLib refuses the whole file (NetworkManager then ignores the connection);
 *     empty when it loads
 */
public record KeyFile(String file, Map<String, Map<String, Entry>> groups, List<Error> errors) {

  /**
   * One {@code key=value} line.
   *
   * @param value the value with GLib's escapes ({@code \s \t \n \\}) resolved
   * @param where the key's position
   */
  public record Entry(String value, Location where) {}

  /**
   * A line GLib cannot parse.
   *
   * @param where the line
   * @param message GLib's message
   */
  public record Error(Location where, String message) {}

  /** Copies the collections (keeping order). */
  public KeyFile {
    Map<String, Map<String, Entry>> copy = new LinkedHashMap<>();
    groups.forEach((g, keys) -> copy.put(g, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
    groups = Collections.unmodifiableMap(copy);
    errors = List.copyOf(errors);
  }

  /** The entry of a key, if the group has it. */
  public Optional<Entry> get(String group, String key) {
    return Optional.ofNullable(groups.getOrDefault(group, Map.of()).get(key));
  }
}
