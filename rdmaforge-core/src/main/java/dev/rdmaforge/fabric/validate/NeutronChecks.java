package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.DAEMON_ENDPOINT;
import static dev.rdmaforge.fabric.rules.FabricRule.DHCP_DRIVER;
import static dev.rdmaforge.fabric.rules.FabricRule.INI_UNKNOWN;
import static dev.rdmaforge.fabric.rules.FabricRule.INI_VALUE;
import static dev.rdmaforge.fabric.rules.FabricRule.LEGACY_OPTION;
import static dev.rdmaforge.fabric.rules.FabricRule.MAPPING_MISMATCH;
import static dev.rdmaforge.fabric.rules.FabricRule.MAPPING_SYNTAX;
import static dev.rdmaforge.fabric.rules.FabricRule.MECHANISM_DRIVER;
import static dev.rdmaforge.fabric.rules.FabricRule.PARTITION_WITHOUT_VLAN;
import static dev.rdmaforge.fabric.rules.FabricRule.PHYSNET_MISMATCH;
import static dev.rdmaforge.fabric.rules.FabricRule.TENANT_TYPES;
import static dev.rdmaforge.fabric.rules.FabricRule.VLAN_RANGE_OVERLAP;
import static dev.rdmaforge.fabric.rules.FabricRule.VLAN_RANGE_SYNTAX;
import static dev.rdmaforge.fabric.rules.FabricRule.VLAN_WITHOUT_PARTITION;

import dev.rdmaforge.fabric.ini.IniEntry;
import dev.rdmaforge.fabric.ini.IniFile;
import dev.rdmaforge.fabric.ini.OsloValues;
import dev.rdmaforge.fabric.model.OpenStackRelease;
import dev.rdmaforge.fabric.model.VlanRange;
import dev.rdmaforge.fabric.opensm.Membership;
import dev.rdmaforge.fabric.opensm.Partition;
import dev.rdmaforge.fabric.opensm.PartitionsConf;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Neutron (ML2, linuxbridge, DHCP agent), networking-mlnx (agent, eswitchd) and nova: each file
 * against what its service accepts for the release, and all of them against each other and
 * against partitions.conf.
 */
final class NeutronChecks {
  private final ParsedFabric p;
  private final OpenStackRelease release;
  private final List<Finding> out;
  /** Physnets ML2 declares (ranges or flat), with where. */
  private final Map<String, Location> declared = new LinkedHashMap<>();
  /** IB physnet ranges from ML2. */
  private final Map<String, VlanRange> ranges = new LinkedHashMap<>();
  private final Map<String, Location> rangeAt = new LinkedHashMap<>();
  /** Physnets some file binds to an IB port (mlnx agent, eswitchd, nova VFs). */
  private final Set<String> ib = new LinkedHashSet<>();
  /** Every physnet some file uses, with where. */
  private final List<Map.Entry<String, Location>> uses = new ArrayList<>();
  /** node -> physnet -> PF, from the mlnx agent and from eswitchd. */
  private final Map<String, Map<String, IniEntryRef>> agentPf = new LinkedHashMap<>();
  private final Map<String, Map<String, IniEntryRef>> eswitchdPf = new LinkedHashMap<>();

  private record IniEntryRef(String value, Location where) {}

  private NeutronChecks(ParsedFabric p, OpenStackRelease release, List<Finding> out) {
    this.p = p;
    this.release = release;
    this.out = out;
  }

  static void run(ParsedFabric p, OpenStackRelease release, List<Finding> out) {
    new NeutronChecks(p, release, out).run();
  }

  private void run() {
    for (List<Parsed<IniFile>> files : p.ini.values()) {
      files.forEach(f -> out.addAll(f.value().findings()));
    }
    p.ini(FileKind.ML2).forEach(f -> ml2(f.value()));
    p.ini(FileKind.MLNX_AGENT).forEach(this::mlnx);
    p.ini(FileKind.ESWITCHD).forEach(this::eswitchd);
    p.ini(FileKind.LINUXBRIDGE).forEach(f -> linuxbridge(f.value()));
    p.ini(FileKind.DHCP_AGENT).forEach(f -> dhcp(f.value()));
    p.ini(FileKind.NOVA).forEach(f -> NovaChecks.run(f.value(), release, ib, uses, out));
    mappingsAgree();
    if (!declared.isEmpty()) {
      for (Map.Entry<String, Location> use : uses) {
        if (!declared.containsKey(use.getKey())) {
          out.add(PHYSNET_MISMATCH.at(use.getValue(), "physical network '" + use.getKey()
              + "' is not declared in ML2 (network_vlan_ranges or flat_networks): ports on it"
              + " never bind", "use one of " + declared.keySet() + " or declare it in ml2_conf.ini"));
        }
      }
    }
    partitionsMatchRanges();
  }

  private void ml2(IniFile f) {
    List<String> types = f.get("ml2", "type_drivers").map(e -> OsloValues.list(e.value()))
        .orElse(List.of("local", "flat", "vlan", "gre", "vxlan", "geneve"));
    f.get("ml2", "tenant_network_types").ifPresent(e -> {
      for (String t : OsloValues.list(e.value())) {
        if (!types.contains(t)) {
          out.add(TENANT_TYPES.at(e.valueAt(), "tenant network type '" + t + "' has no type"
              + " driver (neutron-server: No type driver for tenant network_type: " + t
              + ". Service terminated!)", "add " + t + " to type_drivers or remove it here"));
        }
      }
    });
    f.get("ml2", "tenant_network_type").ifPresent(e -> legacy(e, "renamed tenant_network_types"));
    f.get("ml2", "mechanism_drivers").ifPresent(e -> {
      List<String> drivers = OsloValues.list(e.value());
      String want = release.mechanismDriver();
      String other = release.legacy() ? "mlnx_infiniband" : "mlnx";
      if (drivers.contains(other)) {
        out.add(MECHANISM_DRIVER.at(e.valueAt(), "mechanism driver '" + other + "' does not"
            + " exist in OpenStack " + release.name() + " (neutron-server: The following"
            + " mechanism drivers were not found: ['" + other + "'])", "use '" + want + "'"));
      }
    });
    for (IniEntry e : f.section("eswitch")) {
      legacy(e, "the [eswitch] section of ml2_conf.ini was dropped with the Icehouse plugin");
    }
    f.get("ml2_type_flat", "flat_networks").ifPresent(e -> {
      for (String n : OsloValues.list(e.value())) {
        if (!n.equals("*")) {
          declared.putIfAbsent(n, e.valueAt());
        }
      }
    });
    f.get("ml2_type_vlan", "network_vlan_ranges").ifPresent(e -> {
      NeutronParsing.Result<List<NeutronParsing.VlanEntry>> r =
          NeutronParsing.vlanRanges(OsloValues.list(e.value()));
      r.error().ifPresent(err -> out.add(VLAN_RANGE_SYNTAX.at(e.valueAt(), "NetworkVlanRangeError: "
          + err + " (neutron-server: Failed to parse network_vlan_ranges. Service terminated!)",
          "write physnet:min:max with 1 <= min <= max <= 4094")));
      for (NeutronParsing.VlanEntry v : r.value()) {
        declared.putIfAbsent(v.physnet(), e.valueAt());
        v.range().ifPresent(range -> {
          ranges.merge(v.physnet(), range, (a, b) -> new VlanRange(Math.min(a.min(), b.min()),
              Math.max(a.max(), b.max())));
          rangeAt.putIfAbsent(v.physnet(), e.valueAt());
        });
      }
    });
    for (String key : List.of("enable_security_group", "enable_ipset")) {
      f.get("securitygroup", key).ifPresent(this::bool);
    }
    f.get("mlnx", "client_id_hardware").ifPresent(this::bool);
  }

  private void mlnx(Parsed<IniFile> parsed) {
    IniFile f = parsed.value();
    for (IniEntry e : f.entries()) {
      switch (e.section()) {
        case "mlnx" -> legacy(e, "the [mlnx] section belongs to the Icehouse Mellanox plugin");
        case "eswitch" -> {
          switch (e.key()) {
            case "physical_interface_mappings", "daemon_endpoint" -> { }
            case "request_timeout", "retries", "backoff_rate" -> integer(e);
            case "vnic_type", "apply_profile_patch" -> legacy(e, "networking-mlnx removed it");
            default -> unknown(e, "networking-mlnx");
          }
        }
        case "agent" -> {
          switch (e.key()) {
            case "polling_interval" -> integer(e);
            case "rpc_support_old_agents" -> legacy(e, "removed from Neutron after Icehouse");
            default -> unknown(e, "networking-mlnx");
          }
        }
        default -> { }
      }
    }
    f.get("eswitch", "physical_interface_mappings").ifPresent(e -> {
      NeutronParsing.Result<Map<String, String>> r =
          NeutronParsing.mappings(OsloValues.list(e.value()), false, false);
      r.error().ifPresent(err -> out.add(MAPPING_SYNTAX.at(e.valueAt(), err + " (mlnx agent: Parsing"
          + " physical_interface_mappings failed ... Agent terminated!)", "write physnet:interface")));
      r.value().forEach((net, pf) -> {
        ib.add(net);
        uses.add(Map.entry(net, e.valueAt()));
        agentPf.computeIfAbsent(parsed.node(), k -> new LinkedHashMap<>())
            .put(net, new IniEntryRef(pf, e.valueAt()));
      });
    });
    Optional<IniEntry> ep = f.get("eswitch", "daemon_endpoint");
    String endpoint = ep.map(IniEntry::value).orElse("tcp://127.0.0.1:60001");
    if (!endpoint.matches("tcp://(localhost|127\\.0\\.0\\.1|\\[::1\\]):60001")) {
      out.add(DAEMON_ENDPOINT.at(ep.map(IniEntry::valueAt).orElse(Location.of(f.file())),
          "daemon_endpoint " + endpoint + " does not reach eswitchd, which always binds"
              + " tcp://0.0.0.0:60001 on the same host", "write tcp://127.0.0.1:60001"));
    }
  }

  private void eswitchd(Parsed<IniFile> parsed) {
    IniFile f = parsed.value();
    for (IniEntry e : f.entries()) {
      if (e.section().equals("daemon")) {
        switch (e.key()) {
          case "fabrics" -> { }
          case "default_timeout", "max_polling_count" -> integer(e);
          case "socket_os_transport", "socket_os_port", "socket_os_addr" ->
              legacy(e, "eswitchd registers it but never reads it: it always binds"
                  + " tcp://0.0.0.0:60001");
          default -> unknown(e, "eswitchd");
        }
      }
    }
    f.get("daemon", "fabrics").ifPresent(e -> {
      NeutronParsing.Result<Map<String, String>> r =
          NeutronParsing.mappings(OsloValues.list(e.value()), true, false);
      r.error().ifPresent(err -> out.add(MAPPING_SYNTAX.at(e.valueAt(), err
          + " (eswitchd: Cannot parse Fabric Mappings)", "write physnet:pf, each physnet once")));
      r.value().forEach((net, pf) -> {
        ib.add(net);
        uses.add(Map.entry(net, e.valueAt()));
        eswitchdPf.computeIfAbsent(parsed.node(), k -> new LinkedHashMap<>())
            .put(net, new IniEntryRef(pf, e.valueAt()));
      });
    });
  }

  private void linuxbridge(IniFile f) {
    for (IniEntry e : f.section("vlans")) {
      legacy(e, "the [vlans] section of linuxbridge_conf.ini moved to ml2_conf.ini");
    }
    f.get("vxlan", "enable_vxlan").ifPresent(this::bool);
    f.get("securitygroup", "enable_security_group").ifPresent(this::bool);
    f.get("linux_bridge", "physical_interface_mappings").ifPresent(e -> {
      NeutronParsing.Result<Map<String, String>> r =
          NeutronParsing.mappings(OsloValues.list(e.value()), true, true);
      r.error().ifPresent(err -> out.add(MAPPING_SYNTAX.at(e.valueAt(), err + " (linuxbridge"
          + " agent: Parsing physical_interface_mappings failed. Agent terminated!)",
          "map each physnet once, each interface once")));
      r.value().keySet().forEach(net -> uses.add(Map.entry(net, e.valueAt())));
      if (!release.legacy()) {
        r.value().forEach((net, dev) -> {
          if (ib.contains(net) || dev.startsWith("ib")) {
            out.add(LEGACY_OPTION.at(Severity.WARNING, e.valueAt(), "linuxbridge maps IB network '"
                + net + "' to " + dev + ": eth_ipoib interfaces are gone and the mlnx agent binds IB"
                + " ports", "drop " + net + " from the linuxbridge mappings"));
          }
        });
      }
    });
  }

  private void dhcp(IniFile f) {
    f.get("DEFAULT", "dhcp_driver").filter(e -> e.value().startsWith("mlnx_dhcp"))
        .ifPresent(e -> legacy(e, "mlnx_dhcp.MlnxDnsmasq came with the Icehouse packages"));
    Optional<IniEntry> drv = f.get("DEFAULT", "interface_driver");
    String driver = drv.map(IniEntry::value).orElse("");
    boolean ibAware = driver.equals("ipoib") || driver.equals("multi")
        || driver.startsWith("networking_mlnx.");
    if (!release.legacy() && !ib.isEmpty() && !ibAware) {
      out.add(DHCP_DRIVER.at(drv.map(IniEntry::valueAt).orElse(Location.of(f.file())),
          "interface_driver '" + driver + "' cannot plug DHCP ports into the IB networks " + ib,
          "use interface_driver = multi with multi_interface_driver_mappings, or ipoib"));
    }
    if (driver.equals("multi")) {
      Optional<IniEntry> m = f.get("DEFAULT", "multi_interface_driver_mappings");
      if (m.isEmpty()) {
        out.add(DHCP_DRIVER.at(drv.get().valueAt(), "interface_driver = multi needs"
            + " multi_interface_driver_mappings", "add physnet:driver pairs, e.g. ibhostnet:ipoib"));
      } else {
        NeutronParsing.Result<Map<String, String>> r =
            NeutronParsing.mappings(OsloValues.list(m.get().value()), true, false);
        r.error().ifPresent(err -> out.add(MAPPING_SYNTAX.at(m.get().valueAt(), err, "write"
            + " physnet:driver")));
        r.value().keySet().forEach(net -> uses.add(Map.entry(net, m.get().valueAt())));
      }
    }
    f.get("DEFAULT", "ipoib_physical_interface").filter(e -> e.value().isBlank())
        .ifPresent(e -> out.add(DHCP_DRIVER.at(e.valueAt(), "ipoib_physical_interface is empty",
            "name the IPoIB interface, e.g. ib0")));
    f.get("DEFAULT", "enable_isolated_metadata").ifPresent(this::bool);
  }

  private void mappingsAgree() {
    for (Map.Entry<String, Map<String, IniEntryRef>> node : agentPf.entrySet()) {
      Map<String, IniEntryRef> fabrics = eswitchdPf.get(node.getKey());
      if (fabrics == null) {
        continue;
      }
      node.getValue().forEach((net, agent) -> {
        IniEntryRef d = fabrics.get(net);
        String who = node.getKey().isEmpty() ? "" : " on " + node.getKey();
        if (d == null) {
          out.add(MAPPING_MISMATCH.at(agent.where(), "the mlnx agent" + who + " maps " + net
              + " but eswitchd's fabrics do not (eswitchd: Invalid fabric)",
              "add " + net + ":" + agent.value() + " to eswitchd.conf [DAEMON] fabrics"));
        } else if (!d.value().equals(agent.value())) {
          out.add(MAPPING_MISMATCH.at(agent.where(), "the mlnx agent" + who + " maps " + net
              + " to " + agent.value() + " but eswitchd to " + d.value() + " (" + d.where() + ")",
              "use the same PF in both files"));
        }
      });
    }
  }

  private void partitionsMatchRanges() {
    List<String> ibNets = ranges.keySet().stream().filter(ib::contains).toList();
    for (int i = 0; i < ibNets.size(); i++) {
      for (int j = i + 1; j < ibNets.size(); j++) {
        VlanRange a = ranges.get(ibNets.get(i));
        VlanRange b = ranges.get(ibNets.get(j));
        if (a.overlaps(b)) {
          out.add(VLAN_RANGE_OVERLAP.at(rangeAt.get(ibNets.get(j)), "IB networks " + ibNets.get(i)
              + " (" + a + ") and " + ibNets.get(j) + " (" + b + ") overlap: one PKey space, so"
              + " their segments share partitions", "give IB physnets disjoint ranges"));
        }
      }
    }
    for (Parsed<PartitionsConf> part : p.partitions) {
      PartitionsConf pc = part.value();
      if (pc.discarded()) {
        continue;
      }
      Set<Integer> covered = new LinkedHashSet<>();
      for (String net : ibNets) {
        VlanRange r = ranges.get(net);
        List<Integer> missing = new ArrayList<>();
        for (int id = r.min(); id <= r.max(); id++) {
          covered.add(id);
          if (pc.byPkey(id).isEmpty()) {
            missing.add(id);
          }
        }
        if (!missing.isEmpty()) {
          out.add(VLAN_WITHOUT_PARTITION.at(rangeAt.get(net), "segmentation ids " + compact(missing)
              + " of IB network " + net + " have no partition in " + pc.file() + ": VMs on those"
              + " networks get no PKey and cannot communicate",
              "add a partition with PKey = id for each, e.g. vlan" + missing.get(0) + "=0x"
                  + String.format("%04x", missing.get(0)) + ", ipoib, defmember=full : ALL_CAS;"));
        }
      }
      for (Partition prt : pc.partitions()) {
        if (prt.pkey() == PartitionsConf.DEFAULT_PKEY || prt.members().isEmpty()) {
          continue;
        }
        if (prt.members().stream().allMatch(m -> m.membership() == Membership.LIMITED)) {
          out.add(VLAN_WITHOUT_PARTITION.at(prt.where(), "partition 0x"
              + String.format("%04x", prt.pkey()) + " has no full member: limited members only"
              + " talk to full members, so its ports cannot reach each other",
              "make the hypervisor ports full members (defmember=full)"));
        }
        if (!ibNets.isEmpty() && !covered.contains(prt.pkey())) {
          out.add(PARTITION_WITHOUT_VLAN.at(prt.where(), "partition 0x"
              + String.format("%04x", prt.pkey()) + " is in no IB network's network_vlan_ranges",
              "remove it or widen the range"));
        }
      }
    }
  }

  private void legacy(IniEntry e, String why) {
    if (!release.legacy()) {
      out.add(LEGACY_OPTION.at(e.keyAt(), e.label()
          + " is an Icehouse-era option that OpenStack " + release.name() + " ignores (" + why + ")",
          "remove it"));
    }
  }

  private void unknown(IniEntry e, String consumer) {
    out.add(INI_UNKNOWN.at(e.keyAt(), consumer + " [" + e.sectionAsWritten() + "] has no option '"
        + e.key() + "' (schema check: networking-mlnx stackhpc/2024.1)",
        "remove it or check the spelling"));
  }

  private void bool(IniEntry e) {
    if (OsloValues.bool(e.value()).isEmpty()) {
      out.add(INI_VALUE.at(e.valueAt(), e.label() + " = " + e.value()
          + " is not a boolean (oslo.config: ConfigFileValueError)", "write True or False"));
    }
  }

  private void integer(IniEntry e) {
    if (OsloValues.integer(e.value()).isEmpty()) {
      out.add(INI_VALUE.at(e.valueAt(), e.label() + " = " + e.value()
          + " is not an integer (oslo.config: ConfigFileValueError)", "write a whole number"));
    }
  }

  static String compact(List<Integer> ids) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < ids.size()) {
      int j = i;
      while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
        j++;
      }
      b.append(b.length() == 0 ? "" : ",").append(ids.get(i));
      if (j > i) {
        b.append('-').append(ids.get(j));
      }
      i = j + 1;
    }
    return b.toString();
  }
}
