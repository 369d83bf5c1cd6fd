package dev.rdmaforge.fabric.yaml;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.PhysicalNetwork;
import dev.rdmaforge.fabric.model.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that need the whole description: unique physnet names, IB ranges that do not overlap
 * (they share one PKey space), partitions that fit the PKey table, nodes that have what their
 * roles need.
 */
final class DescriptionChecks {
  private final YamlMap top;
  private final FabricDescription d;

  DescriptionChecks(YamlMap top, FabricDescription d) {
    this.top = top;
    this.d = d;
  }

  void run() {
    YamlProblems p = top.problems();
    Map<String, PhysicalNetwork> seen = new HashMap<>();
    for (PhysicalNetwork n : d.networks()) {
      PhysicalNetwork earlier = seen.putIfAbsent(n.name(), n);
      if (earlier != null) {
        p.add(n.where(), "physical network '" + n.name() + "' is declared twice (first at "
            + earlier.where() + ")", "rename or remove one");
      }
    }
    List<PhysicalNetwork> ib = d.ibNetworks();
    int partitions = 0;
    for (int i = 0; i < ib.size(); i++) {
      PhysicalNetwork a = ib.get(i);
      partitions += a.range().map(r -> r.size()).orElse(0);
      for (int j = i + 1; j < ib.size(); j++) {
        PhysicalNetwork b = ib.get(j);
        if (a.range().isPresent() && b.range().isPresent()
            && a.range().get().overlaps(b.range().get())) {
          p.add(b.where(), "IB networks '" + a.name() + "' and '" + b.name()
              + "' overlap (" + a.range().get() + " and " + b.range().get()
              + "): they share one PKey space, so their segments would share partitions",
              "give them disjoint ranges");
        }
      }
    }
    if (partitions + 1 > d.partitions().pkeyTableSize()) {
      p.add(top.value("physicalNetworks").orElse(top.node()), partitions
          + " tenant partitions plus the default do not fit a PKey table of "
          + d.partitions().pkeyTableSize() + " entries (OpenSM: ERR 0512 Pkey table is full)",
          "shrink the IB vlanRange or set partitions.pkeyTableSize to the HCAs' real size");
    }
    for (Node n : d.nodes()) {
      if (n.roles().isEmpty()) {
        p.add(n.where(), "node '" + n.name() + "' has no role", "give its group roles");
      }
      if (n.has(Role.NETWORK) || n.has(Role.COMPUTE)) {
        for (PhysicalNetwork net : d.networks()) {
          if (!net.isIb() && !n.interfaces().containsKey(net.name())) {
            p.add(n.where(), "node '" + n.name() + "' runs the linuxbridge agent but maps no"
                + " interface for Ethernet network '" + net.name() + "'",
                "add `" + net.name() + ": <interface>` to its group's or its own interfaces");
          }
        }
      }
    }
    if (d.nodesWith(Role.SUBNET_MANAGER).size() > 1) {
      // More than one SM is fine (priorities), but they all must get the same partitions.conf.
      return;
    }
  }
}
