package dev.rdmaforge.fabric.model;

import dev.rdmaforge.report.Location;
import java.util.Optional;

/**
 * A Neutron physical network ("physnet").
 *
 * @param name the physnet name every file must spell identically
 * @param kind IB or Ethernet
 * @param range the VLAN (segmentation) range; empty for a flat network
 * @param where where the description declares it
 */
public record PhysicalNetwork(
    String name, NetworkKind kind, Optional<VlanRange> range, Location where) {

  /** True for an InfiniBand physnet. */
  public boolean isIb() {
    return kind == NetworkKind.IB;
  }

  /** True when the network has no segmentation range (Neutron "flat"). */
  public boolean isFlat() {
    return range.isEmpty();
  }
}
