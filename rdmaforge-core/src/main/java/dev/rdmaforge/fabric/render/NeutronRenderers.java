package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.PhysicalNetwork;
import dev.rdmaforge.fabric.model.Role;
import java.util.ArrayList;
import java.util.List;

import java.util.stream.Collectors;

/**
 * Neutron and networking-mlnx files: ml2_conf.ini (controller), the linuxbridge agent file
 * (network and compute nodes), mlnx_conf.ini and eswitchd.conf (compute), dhcp_agent.ini
 * (network). Modern releases get networking-mlnx's current names; Icehouse-era releases get the
 * article's names.
 */
public final class NeutronRenderers {
  /** The ML2 plugin file. */
  public static final String ML2 = "/etc/neutron/plugins/ml2/ml2_conf.ini";
  /** The linuxbridge agent file since Kilo. */
  public static final String LINUXBRIDGE = "/etc/neutron/plugins/ml2/linuxbridge_agent.ini";
  /** The Icehouse linuxbridge file. */
  public static final String LINUXBRIDGE_ICEHOUSE =
      "/etc/neutron/plugins/linuxbridge/linuxbridge_conf.ini";
  /** The networking-mlnx agent file. */
  public static final String MLNX = "/etc/neutron/plugins/mlnx/mlnx_conf.ini";
  /** eswitchd's file. */
  public static final String ESWITCHD = "/etc/eswitchd/eswitchd.conf";
  /** The DHCP agent file. */
  public static final String DHCP = "/etc/neutron/dhcp_agent.ini";
  /** Where the mlnx agent reaches eswitchd (eswitchd always binds port 60001). */
  public static final String ENDPOINT = "tcp://127.0.0.1:60001";

  private NeutronRenderers() {}

  /** All Neutron-side renderers. */
  public static List<FileRenderer> all() {
    return List.of(NeutronRenderers::ml2, NeutronRenderers::linuxbridge, NeutronRenderers::mlnx,
        NeutronRenderers::eswitchd, NeutronRenderers::dhcp);
  }

  static String vlanRanges(FabricDescription d) {
    return d.networks().stream().filter(n -> n.range().isPresent())
        .map(n -> n.name() + ":" + n.range().get()).collect(Collectors.joining(","));
  }

  static List<RenderedFile> ml2(FabricDescription d) {
    boolean legacy = d.release().legacy();
    boolean flat = d.networks().stream().anyMatch(PhysicalNetwork::isFlat);
    boolean vlan = d.networks().stream().anyMatch(n -> !n.isFlat());
    String types = (flat ? "flat" : "") + (flat && vlan ? "," : "") + (vlan ? "vlan" : "");
    Ini ini = new Ini()
        .put("ml2", "type_drivers", types)
        .put("ml2", "tenant_network_types", legacy ? types : (vlan ? "vlan" : "flat"))
        .put("ml2", "mechanism_drivers", d.release().mechanismDriver() + ",linuxbridge,l2population");
    String flats = d.networks().stream().filter(PhysicalNetwork::isFlat)
        .map(PhysicalNetwork::name).collect(Collectors.joining(","));
    if (flat) {
      ini.put("ml2_type_flat", "flat_networks", flats);
    }
    if (vlan) {
      ini.put("ml2_type_vlan", "network_vlan_ranges", vlanRanges(d));
    }
    ini.put("securitygroup", "enable_security_group", "True");
    if (legacy) {
      ini.put("securitygroup", "firewall_driver", "dummy_value_do_not_remove")
          .put("eswitch", "vnic_type", "hostdev")
          .put("eswitch", "apply_profile_patch", "True");
    }
    String text = ini.render(Header.of(d, "#"));
    return d.nodesWith(Role.CONTROLLER).stream().map(n -> new RenderedFile(n.name(), ML2, text))
        .toList();
  }

  static List<RenderedFile> linuxbridge(FabricDescription d) {
    boolean legacy = d.release().legacy();
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodes()) {
      if (!n.has(Role.NETWORK) && !n.has(Role.COMPUTE)) {
        continue;
      }
      // Today the mlnx agent binds IB ports; eth_ipoib interfaces (Icehouse) no longer exist.
      String mappings = n.interfaces().entrySet().stream()
          .filter(e -> legacy || d.network(e.getKey()).map(x -> !x.isIb()).orElse(true))
          .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
      Ini ini = new Ini();
      if (legacy) {
        ini.put("vlans", "tenant_network_type", "flat,vlan")
            .put("vlans", "network_vlan_ranges", vlanRanges(d));
      }
      ini.put("linux_bridge", "physical_interface_mappings", mappings)
          .put("vxlan", "enable_vxlan", "False");
      if (legacy) {
        ini.section("agent");
      }
      ini.put("securitygroup", "firewall_driver", legacy
          ? "neutron.agent.linux.iptables_firewall.IptablesFirewallDriver" : "iptables");
      out.add(new RenderedFile(n.name(), legacy ? LINUXBRIDGE_ICEHOUSE : LINUXBRIDGE,
          ini.render(Header.of(d, "#"))));
    }
    return out;
  }

  static String fabrics(Node n) {
    return n.fabrics().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  static List<RenderedFile> mlnx(FabricDescription d) {
    boolean legacy = d.release().legacy();
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodesWith(Role.COMPUTE)) {
      Ini ini = new Ini();
      if (legacy) {
        String ib = d.ibNetworks().stream().map(x -> x.name() + ":" + x.range().get())
            .collect(Collectors.joining(","));
        ini.put("mlnx", "tenant_network_type", "vlan")
            .put("mlnx", "network_vlan_ranges", ib)
            .put("mlnx", "physical_network_type_mappings", d.ibNetworks().stream()
                .map(x -> x.name() + ":ib").collect(Collectors.joining(",")))
            .put("mlnx", "physical_network_type", "ib");
      }
      ini.put("eswitch", "physical_interface_mappings", fabrics(n));
      if (legacy) {
        ini.put("eswitch", "vnic_type", "hostdev");
      }
      ini.put("eswitch", "daemon_endpoint", ENDPOINT)
          .put("agent", "polling_interval", "2");
      if (legacy) {
        ini.put("agent", "rpc_support_old_agents", "True")
            .put("securitygroup", "enable_security_group", "True");
      }
      out.add(new RenderedFile(n.name(), MLNX, ini.render(Header.of(d, "#"))));
    }
    return out;
  }

  static List<RenderedFile> eswitchd(FabricDescription d) {
    boolean legacy = d.release().legacy();
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodesWith(Role.COMPUTE)) {
      Ini ini = new Ini().put("DEFAULT", "log_file", "/var/log/eswitchd.log")
          .put("DAEMON", "fabrics", fabrics(n))
          .put("DAEMON", "default_timeout", legacy ? "4000" : "5000");
      if (legacy) {
        ini.put("DAEMON", "socket_os_port", "60001");
      }
      out.add(new RenderedFile(n.name(), ESWITCHD, ini.render(Header.of(d, "#"))));
    }
    return out;
  }

  static List<RenderedFile> dhcp(FabricDescription d) {
    boolean legacy = d.release().legacy();
    Ini ini = new Ini();
    if (legacy) {
      ini.put("DEFAULT", "dhcp_driver", "mlnx_dhcp.MlnxDnsmasq")
          .put("DEFAULT", "enable_isolated_metadata", "True")
          .put("DEFAULT", "interface_driver", "neutron.agent.linux.interface.BridgeInterfaceDriver");
    } else {
      String mappings = d.networks().stream()
          .map(n -> n.name() + ":" + (n.isIb() ? "ipoib" : "linuxbridge"))
          .collect(Collectors.joining(","));
      ini.put("DEFAULT", "interface_driver", d.ibNetworks().isEmpty() ? "linuxbridge" : "multi");
      if (!d.ibNetworks().isEmpty()) {
        ini.put("DEFAULT", "multi_interface_driver_mappings", mappings)
            .put("DEFAULT", "ipoib_physical_interface", d.ipoib().interfaceName());
      }
      ini.put("DEFAULT", "dhcp_driver", "neutron.agent.linux.dhcp.Dnsmasq")
          .put("DEFAULT", "enable_isolated_metadata", "True");
    }
    String text = ini.render(Header.of(d, "#"));
    return d.nodesWith(Role.NETWORK).stream().map(n -> new RenderedFile(n.name(), DHCP, text))
        .toList();
  }

}
