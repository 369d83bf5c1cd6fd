package dev.rdmaforge.fabric.model;

/**
 * An inclusive range of segmentation ids, as Neutron's {@code physnet:min:max} spells it.
 *
 * @param min first id, 1..4094
 * @param max last id, min..4094
 */
public record VlanRange(int min, int max) {
  /** The highest VLAN id Neutron accepts (neutron_lib MAX_VLAN_TAG). */
  public static final int MAX_TAG = 4094;

  /** Checks 1 <= min <= max <= 4094, the same bounds Neutron enforces. */
  public VlanRange {
    if (min < 1 || max > MAX_TAG || min > max) {
      throw new IllegalArgumentException(
          "VLAN range " + min + ":" + max + " is outside 1:" + MAX_TAG + " or reversed");
    }
  }

  /** Number of ids in the range. */
  public int size() {
    return max - min + 1;
  }

  /** True if the id lies in the range. */
  public boolean contains(int id) {
    return id >= min && id <= max;
  }

  /** True if the two ranges share an id. */
  public boolean overlaps(VlanRange other) {
    return min <= other.max && other.min <= max;
  }

  @Override
  public String toString() {
    return min + ":" + max;
  }
}
