package dev.rdmaforge.fabric.model;

import dev.rdmaforge.report.Location;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One host after its group's settings and its own overrides were merged.
 *
 * @param name host name; also the output directory
 * @param group the node group it came from (a cluster-manager category)
 * @param roles what it runs
 * @param interfaces linuxbridge {@code physical_interface_mappings}: physnet to interface
 * @param fabrics mlnx agent / eswitchd mappings: IB physnet to the PF's IPoIB interface
 * @param portGuids the node's HCA port GUIDs (optional; used to name members in partitions)
 * @param where where the node is named in the description
 */
public record Node(
    String name,
    String group,
    Set<Role> roles,
    Map<String, String> interfaces,
    Map<String, String> fabrics,
    List<Long> portGuids,
    Location where) {

  /** Copies the collections (keeping map order). */
  public Node {
    roles = Set.copyOf(roles);
    interfaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(interfaces));
    fabrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fabrics));
    portGuids = List.copyOf(portGuids);
  }

  /** True if the node has the role. */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
