package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.PORT_TYPE_ARRAY;
import static dev.rdmaforge.fabric.rules.FabricRule.SRIOV_CAPACITY;

import dev.rdmaforge.fabric.ini.IniFile;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.report.Finding;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host files (modprobe.d, IPoIB interface, kernel command line, RDMA module loading, the
 * image fragment), each on its own and per node against the node's OpenStack files: a node
 * whose mlnx agent or eswitchd binds IB physnets is an SR-IOV hypervisor, so it needs the IOMMU,
 * an IB port and VFs left for guests.
 */
final class HostChecks {
  private HostChecks() {}

  static void run(ParsedFabric p, KernelFacts facts, List<Finding> out) {
    Set<String> hypervisors = hypervisors(p);
    Map<String, ModprobeChecks.Mlx4> mlx4 = ModprobeChecks.run(p, facts, out);
    Set<String> sriov = new LinkedHashSet<>(hypervisors);
    mlx4.forEach((node, m) -> {
      if (!m.numVfs().isEmpty() && m.numVfs().stream().anyMatch(v -> v > 0)) {
        sriov.add(node);
      }
    });
    IpoibChecks.run(p, out);
    CmdlineChecks.run(p, facts, sriov, out);
    RdmaStackChecks.run(p, facts, out);
    DibChecks.run(p, out);
    mlx4.forEach((node, m) -> {
      if (node.isEmpty() || !hypervisors.contains(node)) {
        return;
      }
      if (!m.portTypes().isEmpty() && !m.portTypes().contains(1)) {
        out.add(PORT_TYPE_ARRAY.at(m.where(), "port_type_array=" + m.portTypes() + " makes no"
            + " port InfiniBand, but " + node + "'s mlnx agent binds IB physical networks",
            "write 1 for the port on the IB fabric"));
      }
      int vfs = m.numVfs().stream().mapToInt(Integer::intValue).sum();
      int probed = m.probeVf().stream().mapToInt(Integer::intValue).sum();
      if (vfs == 0) {
        out.add(SRIOV_CAPACITY.at(m.where(), node + " is a hypervisor for IB networks but"
            + " mlx4_core creates no VFs (num_vfs unset or 0): nova has nothing to give"
            + " instances' direct ports", "set num_vfs, e.g. num_vfs=16 probe_vf=0"));
      } else if (probed >= vfs) {
        out.add(SRIOV_CAPACITY.at(m.where(), node + " probes all " + vfs + " VFs itself"
            + " (probe_vf=" + m.probeVf() + "): none is left for instances' direct ports",
            "lower probe_vf (0 leaves every VF to guests)"));
      }
    });
  }

  /** Nodes whose mlnx agent or eswitchd maps a physnet to an IB PF. */
  private static Set<String> hypervisors(ParsedFabric p) {
    Set<String> out = new LinkedHashSet<>();
    for (Parsed<IniFile> f : p.ini(FileKind.MLNX_AGENT)) {
      if (f.value().get("eswitch", "physical_interface_mappings")
          .filter(e -> !e.value().isBlank()).isPresent()) {
        out.add(f.node());
      }
    }
    for (Parsed<IniFile> f : p.ini(FileKind.ESWITCHD)) {
      if (f.value().get("daemon", "fabrics").filter(e -> !e.value().isBlank()).isPresent()) {
        out.add(f.node());
      }
    }
    out.remove("");
    return out;
  }
}
