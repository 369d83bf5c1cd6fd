package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.PartitionPolicy;
import dev.rdmaforge.fabric.model.PhysicalNetwork;
import dev.rdmaforge.fabric.model.Role;
import dev.rdmaforge.fabric.model.VlanRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenSM's partitions.conf: the Default partition (switches and the SM full, every port a full
 * member, for management) and one partition per segmentation id of every IB physnet, PKey = id,
 * so Neutron's VLAN id is the partition mlnx binds the VF to.
 *
 * <p>Members: the port GUIDs of the nodes that carry the physnet (hypervisors, network nodes), one
 * per line so no line nears OpenSM's 4094-character limit, all full members; when the description
 * gives no GUIDs, {@code ALL_CAS} with {@code defmember=full} as in the Mellanox guide. Keywords are
 * spelled out in full (OpenSM matches prefixes), {@code mgid=} is never used.
 */
public final class PartitionsConfRenderer implements FileRenderer {
  /** Where OpenSM reads it by default. */
  public static final String PATH = "/etc/opensm/partitions.conf";

  @Override
  public List<RenderedFile> render(FabricDescription d) {
    String text = text(d);
    List<RenderedFile> out = new ArrayList<>();
    for (Node sm : d.nodesWith(Role.SUBNET_MANAGER)) {
      out.add(new RenderedFile(sm.name(), PATH, text));
    }
    return out;
  }

  /** The file's text (the same on every subnet manager). */
  public static String text(FabricDescription d) {
    PartitionPolicy p = d.partitions();
    StringBuilder b = new StringBuilder(Header.of(d, "#"));
    b.append("# Default partition: every port a full member, switches and the SM included.\n");
    b.append(p.managementName()).append("=0x7fff").append(flags(p)).append(" : ALL, ALL_SWITCHES=full, SELF=full;\n");
    for (PhysicalNetwork net : d.ibNetworks()) {
      if (net.range().isEmpty()) {
        continue;
      }
      VlanRange r = net.range().get();
      List<String> guids = memberGuids(d, net);
      b.append("# ").append(net.name()).append(": Neutron segmentation ids ").append(r)
          .append(" = PKeys 0x").append(hex(r.min())).append("..0x").append(hex(r.max()))
          .append(guids.isEmpty() ? ", every CA port a full member\n" : ", hypervisor ports full\n");
      // every partition of the physnet has the same members: build that block once
      StringBuilder members = new StringBuilder(guids.isEmpty() ? " ALL_CAS;\n" : "\n");
      for (int i = 0; i < guids.size(); i++) {
        members.append("  ").append(guids.get(i)).append(i + 1 < guids.size() ? ",\n" : ";\n");
      }
      String flags = flags(p);
      for (int id = r.min(); id <= r.max(); id++) {
        b.append("vlan").append(id).append("=0x").append(hex(id)).append(flags).append(" :")
            .append(members);
      }
    }
    return b.toString();
  }

  private static String flags(PartitionPolicy p) {
    StringBuilder f = new StringBuilder();
    if (p.ipoib()) {
      f.append(", ipoib");
    }
    f.append(", sl=").append(p.sl());
    if (p.mtu() != PartitionPolicy.DEFAULT.mtu()) {
      f.append(", mtu=").append(p.mtu());
    }
    if (p.rate() != PartitionPolicy.DEFAULT.rate()) {
      f.append(", rate=").append(p.rate());
    }
    return f.append(", defmember=full").toString();
  }

  /** GUIDs of every node that binds the physnet (mlnx fabrics) or serves it (network role). */
  static List<String> memberGuids(FabricDescription d, PhysicalNetwork net) {
    List<String> out = new ArrayList<>();
    for (long g : memberPorts(d, net).keySet()) {
      out.add(guid(g));
    }
    return out;
  }

  /**
   * The port GUIDs that must be full members of every partition of an IB physnet, each with its
   * node, in node order: the ports of every node that binds the physnet (mlnx fabrics) or
   * serves it (network role).
   */
  public static Map<Long, String> memberPorts(FabricDescription d, PhysicalNetwork net) {
    // A linked map keeps the first node of a GUID in node order and stays linear for 10,000 nodes.
    Map<Long, String> seen = new LinkedHashMap<>();
    for (Node n : d.nodes()) {
      boolean carries = n.fabrics().containsKey(net.name()) || n.has(Role.NETWORK)
          || n.interfaces().containsKey(net.name());
      if (carries) {
        for (long g : n.portGuids()) {
          seen.putIfAbsent(g, n.name());
        }
      }
    }
    return seen;
  }

  /** {@code 0x} and 16 lower-case hex digits, as OpenSM prints port GUIDs. */
  static String guid(long g) {
    String hex = Long.toHexString(g);
    return "0x" + "0".repeat(16 - hex.length()) + hex;
  }

  static String hex(int v) {
    return String.format("%04x", v);
  }
}
