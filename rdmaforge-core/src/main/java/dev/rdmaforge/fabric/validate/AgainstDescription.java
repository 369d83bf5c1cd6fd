package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.DESCRIBED_PORT_MISSING;
import static dev.rdmaforge.fabric.rules.FabricRule.DESCRIPTION_MISMATCH;
import static dev.rdmaforge.fabric.rules.FabricRule.UNDESCRIBED_PORT;

import dev.rdmaforge.fabric.host.KeyFile;
import dev.rdmaforge.fabric.host.KeyFileParser;
import dev.rdmaforge.fabric.host.ShellFile;
import dev.rdmaforge.fabric.host.ShellFileParser;
import dev.rdmaforge.fabric.ini.IniFile;
import dev.rdmaforge.fabric.ini.OsloValues;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.IpoibSettings;
import dev.rdmaforge.fabric.model.PhysicalNetwork;
import dev.rdmaforge.fabric.model.VlanRange;
import dev.rdmaforge.fabric.opensm.Membership;
import dev.rdmaforge.fabric.opensm.Partition;
import dev.rdmaforge.fabric.opensm.PartitionsConf;
import dev.rdmaforge.fabric.opensm.PortMember;
import dev.rdmaforge.fabric.render.PartitionsConfRenderer;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code validate --description}: the files against the description they should follow. Every
 * port GUID the description gives a node that carries an IB physnet must be a full member of
 * each of the physnet's partitions (else that node's VMs on the segment get no PKey); members
 * that are no described node's port are reported; ML2's VLAN ranges and the IPoIB interface
 * files must say what the description says.
 */
final class AgainstDescription {
  /** How many missing nodes a message names before it counts the rest. */
  private static final int NAMED = 5;

  private AgainstDescription() {}

  static void run(ParsedFabric p, FabricDescription d, List<Finding> out) {
    String from = " (" + d.file() + ")";
    for (Parsed<PartitionsConf> part : p.partitions) {
      if (!part.value().discarded()) {
        partitions(part.value(), d, from, out);
      }
    }
    for (Parsed<IniFile> ml2 : p.ini(FileKind.ML2)) {
      ranges(ml2.value(), d, from, out);
    }
    IpoibSettings ipoib = d.ipoib();
    for (InputFile f : p.other(FileKind.IFCFG)) {
      ShellFile sh = ShellFileParser.parse(f.display(), f.text());
      sh.get("MTU").ifPresent(a -> mtu(a.value(), a.valueAt(), ipoib, from, out));
      boolean connected = sh.get("CONNECTED_MODE").map(a -> a.value().equals("yes"))
          .orElse(false);
      if (connected != ipoib.connectedMode()) {
        out.add(DESCRIPTION_MISMATCH.at(sh.get("CONNECTED_MODE").map(ShellFile.Assignment::valueAt)
            .orElse(Location.of(f.display())), "IPoIB runs in " + mode(connected)
            + " mode here but the description says " + mode(ipoib.connectedMode()) + from,
            "write CONNECTED_MODE=" + (ipoib.connectedMode() ? "yes" : "no")));
      }
    }
    for (InputFile f : p.other(FileKind.KEYFILE)) {
      KeyFile k = KeyFileParser.parse(f.display(), f.text());
      k.get("infiniband", "mtu").ifPresent(e -> mtu(e.value(), e.where(), ipoib, from, out));
      k.get("infiniband", "transport-mode").filter(e -> !e.value().equals(
          mode(ipoib.connectedMode()))).ifPresent(e -> out.add(DESCRIPTION_MISMATCH.at(e.where(),
          "transport-mode=" + e.value() + " but the description says "
              + mode(ipoib.connectedMode()) + from,
          "write transport-mode=" + mode(ipoib.connectedMode()))));
    }
  }

  private static String mode(boolean connected) {
    return connected ? "connected" : "datagram";
  }

  private static void mtu(String value, Location at, IpoibSettings ipoib, String from,
      List<Finding> out) {
    if (!value.strip().equals(Integer.toString(ipoib.mtu()))) {
      out.add(DESCRIPTION_MISMATCH.at(at, "IPoIB MTU " + value.strip() + " but the description"
          + " says " + ipoib.mtu() + from, "write " + ipoib.mtu()));
    }
  }

  private static void ranges(IniFile ml2, FabricDescription d, String from, List<Finding> out) {
    ml2.get("ml2_type_vlan", "network_vlan_ranges").ifPresent(e -> {
      for (NeutronParsing.VlanEntry v : NeutronParsing.vlanRanges(OsloValues.list(e.value()))
          .value()) {
        Optional<PhysicalNetwork> net = d.network(v.physnet());
        Optional<VlanRange> want = net.flatMap(PhysicalNetwork::range);
        if (net.isEmpty()) {
          out.add(DESCRIPTION_MISMATCH.at(e.valueAt(), "physical network " + v.physnet()
              + " is not in the description" + from, "declare it or remove it here"));
        } else if (!v.range().equals(want)) {
          out.add(DESCRIPTION_MISMATCH.at(e.valueAt(), v.physnet() + " has VLAN range "
              + v.range().map(Object::toString).orElse("none") + " here but "
              + want.map(Object::toString).orElse("none (flat)") + " in the description" + from,
              "write " + v.physnet() + want.map(r -> ":" + r).orElse("")));
        }
      }
    });
  }

  private static void partitions(PartitionsConf pc, FabricDescription d, String from,
      List<Finding> out) {
    Set<Long> described = new HashSet<>();
    d.nodes().forEach(n -> described.addAll(n.portGuids()));
    for (PhysicalNetwork net : d.ibNetworks()) {
      Map<Long, String> ports = PartitionsConfRenderer.memberPorts(d, net);
      if (net.range().isEmpty() || ports.isEmpty()) {
        continue;
      }
      VlanRange r = net.range().get();
      for (int id = r.min(); id <= r.max(); id++) {
        Optional<Partition> part = pc.byPkey(id);
        if (part.isEmpty()) {
          out.add(DESCRIBED_PORT_MISSING.at(Location.of(pc.file()), "segmentation id " + id + " of "
              + net.name() + " has no partition: no described node's VMs on it get a PKey" + from,
              "render the file again, or add vlan" + id + "=0x" + String.format("%04x", id)
                  + " with the hypervisor ports"));
          continue;
        }
        missing(part.get(), ports, net, from, out);
      }
    }
    for (Partition prt : pc.partitions()) {
      for (PortMember m : prt.members()) {
        if (m.selector().equals(PortMember.GUID) && !described.contains(m.guid())) {
          out.add(UNDESCRIBED_PORT.at(m.where(), "port " + guid(m.guid()) + " in partition 0x"
              + String.format("%04x", prt.pkey()) + " belongs to no node of the description"
              + from, "remove it, or add it to its node's portGuids"));
        }
      }
    }
  }

  private static void missing(Partition prt, Map<Long, String> ports, PhysicalNetwork net,
      String from, List<Finding> out) {
    boolean everyone = prt.members().stream().anyMatch(m -> m.membership() != Membership.LIMITED
        && (m.selector().equals("ALL") || m.selector().equals("ALL_CAS")));
    if (everyone) {
      return;
    }
    Set<Long> full = new HashSet<>();
    for (PortMember m : prt.members()) {
      if (m.selector().equals(PortMember.GUID) && m.membership() != Membership.LIMITED) {
        full.add(m.guid());
      }
    }
    List<String> lacking = new ArrayList<>();
    ports.forEach((g, node) -> {
      if (!full.contains(g)) {
        lacking.add(node + " (" + guid(g) + ")");
      }
    });
    if (!lacking.isEmpty()) {
      String named = String.join(", ", lacking.subList(0, Math.min(NAMED, lacking.size())))
          + (lacking.size() > NAMED ? " and " + (lacking.size() - NAMED) + " more" : "");
      out.add(DESCRIBED_PORT_MISSING.at(prt.where(), "partition 0x"
          + String.format("%04x", prt.pkey()) + " (" + net.name() + " segment " + prt.pkey()
          + ") lacks the full-member port of " + named + ": VMs there get no PKey for the"
          + " segment" + from, "add each port GUID with =full, or render the file again"));
    }
  }

  private static String guid(long g) {
    String hex = Long.toHexString(g);
    return "0x" + "0".repeat(16 - hex.length()) + hex;
  }
}
