package dev.rdmaforge.fabric.validate;

import dev.rdmaforge.fabric.model.VlanRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * neutron_lib's parsers, with the same acceptance: {@code parse_network_vlan_ranges} and
 * {@code parse_mappings}. Each returns the parsed value and the error text neutron would raise.
 */
final class NeutronParsing {
  private NeutronParsing() {}

  /**
   * One {@code network_vlan_ranges} entry.
   *
   * @param physnet the physical network
   * @param range its range, or empty for "physnet" alone (no tenant VLANs)
   */
  record VlanEntry(String physnet, Optional<VlanRange> range) {}

  /** A parse result: the values, or the first error (neutron stops at the first). */
  record Result<T>(T value, Optional<String> error) {}

  static Result<List<VlanEntry>> vlanRanges(List<String> items) {
    List<VlanEntry> out = new ArrayList<>();
    for (String item : items) {
      String[] parts = item.strip().split(":", -1);
      if (parts.length == 1) {
        if (parts[0].isBlank()) {
          return new Result<>(out, Optional.of("Invalid network VLAN range: '" + item
              + "' - 'Physical network cannot be empty'"));
        }
        out.add(new VlanEntry(parts[0].strip(), Optional.empty()));
        continue;
      }
      if (parts.length != 3) {
        return new Result<>(out, Optional.of("Invalid network VLAN range: '" + item
            + "' - 'Need exactly two values for VLAN range'"));
      }
      int min;
      int max;
      try {
        min = Integer.parseInt(parts[1].strip());
        max = Integer.parseInt(parts[2].strip());
      } catch (NumberFormatException ex) {
        return new Result<>(out, Optional.of("Invalid network VLAN range: '" + item
            + "' - 'invalid literal for int()'"));
      }
      for (int tag : new int[] {min, max}) {
        if (tag < 1 || tag > VlanRange.MAX_TAG) {
          return new Result<>(out, Optional.of("Invalid network VLAN range: '" + min + ":" + max
              + "' - '" + tag + " is not a valid VLAN tag'"));
        }
      }
      if (min > max) {
        return new Result<>(out, Optional.of("Invalid network VLAN range: '" + min + ":" + max
            + "' - 'End of VLAN range is less than start of VLAN range'"));
      }
      if (parts[0].isBlank()) {
        return new Result<>(out, Optional.of("Invalid network VLAN range: '" + item
            + "' - 'Physical network cannot be empty'"));
      }
      out.add(new VlanEntry(parts[0].strip(), Optional.of(new VlanRange(min, max))));
    }
    return new Result<>(out, Optional.empty());
  }

  /** {@code parse_mappings}: key:value items; keys (and values if asked) unique. */
  static Result<Map<String, String>> mappings(List<String> items, boolean uniqueKeys,
      boolean uniqueValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : items) {
      String[] kv = item.split(":", -1);
      if (kv.length != 2) {
        return new Result<>(out, Optional.of("Invalid mapping: '" + item + "'"));
      }
      String k = kv[0].strip();
      String v = kv[1].strip();
      if (k.isEmpty()) {
        return new Result<>(out, Optional.of("Missing key in mapping: '" + item + "'"));
      }
      if (v.isEmpty()) {
        return new Result<>(out, Optional.of("Missing value in mapping: '" + item + "'"));
      }
      if (out.containsKey(k) && uniqueKeys) {
        return new Result<>(out, Optional.of("Key " + k + " in mapping: '" + item
            + "' not unique"));
      }
      if (out.containsValue(v) && uniqueValues) {
        return new Result<>(out, Optional.of("Value " + v + " in mapping: '" + item
            + "' not unique"));
      }
      out.put(k, v);
    }
    return new Result<>(out, Optional.empty());
  }
}
