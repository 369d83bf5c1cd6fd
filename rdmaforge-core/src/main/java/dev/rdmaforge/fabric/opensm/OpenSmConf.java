package dev.rdmaforge.fabric.opensm;

import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An opensm.conf as OpenSM reads it: the last value of each key wins.
 *
 * @param file the file as named by the user
 * @param values key to (value, position of the value)
 * @param findings what OpenSM rejects or silently replaces
 */
public record OpenSmConf(String file, Map<String, Entry> values, List<Finding> findings) {

  /**
   * One {@code key value} line.
   *
   * @param value the text after the key
   * @param where the key's position
   */
  public record Entry(String value, Location where) {}

  /** The value of a key, if the file sets it. */
  public Optional<Entry> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** True if the key is set to exactly {@code TRUE}, as OpenSM's strcmp demands. */
  public boolean isTrue(String key) {
    return get(key).map(e -> e.value().equals("TRUE")).orElse(false);
  }
}
