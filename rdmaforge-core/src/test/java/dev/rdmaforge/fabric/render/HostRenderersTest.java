package dev.rdmaforge.fabric.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.fabric.Examples;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.yaml.FabricYamlReader;
import dev.rdmaforge.report.UserInputException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The host files of the bundled example (seed 004) and what stops a render. */
class HostRenderersTest {
  private static final String BASE = "apiVersion: rdmaforge.dev/v1\nkind: Fabric\n"
      + "physicalNetworks:\n  - {name: ibhostnet, kind: ib, vlanRange: \"1:4\"}\n"
      + "groups:\n  - {name: hv, roles: [compute], nodes: [node002]}\n"
      + "  - {name: net, roles: [network], nodes: [node001]}\n";

  private static Map<String, String> files(FabricDescription d) {
    return new HostRenderers().render(d).stream()
        .collect(Collectors.toMap(RenderedFile::relativePath, f -> body(f.content())));
  }

  /** The text without the comment header. */
  private static String body(String text) {
    return text.lines().filter(l -> !l.startsWith("# Rendered by") && !l.startsWith("# Param"))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  @DisplayName("seed 004: the guide's mlx4_core and mlx4_ib lines, openib.conf, ifcfg-ib0, grub")
  void render_modernExample_hostFilesAsInTheGuide() {
    Map<String, String> f = files(Examples.modern());
    assertThat(f.get("node002/etc/modprobe.d/mlx4_core.conf"))
        .isEqualTo("options mlx4_core num_vfs=16 probe_vf=0 port_type_array=1,1 debug_level=1\n");
    assertThat(f.get("node001/etc/modprobe.d/mlx4_core.conf"))
        .isEqualTo("options mlx4_core debug_level=1\n");
    assertThat(f.get("headnode/etc/modprobe.d/mlx4_ib.conf"))
        .isEqualTo("options mlx4_ib sm_guid_assign=0\n");
    assertThat(f.get("node003/etc/infiniband/openib.conf"))
        .contains("MLX4_LOAD=yes\n", "IPOIB_LOAD=yes\n", "SET_IPOIB_CM=yes\n")
        .doesNotContain("E_IPOIB_LOAD");
    assertThat(f.get("node001/etc/sysconfig/network-scripts/ifcfg-ib0"))
        .isEqualTo("DEVICE=ib0\nTYPE=InfiniBand\nONBOOT=yes\nBOOTPROTO=dhcp\nCONNECTED_MODE=yes\n"
            + "MTU=65520\n");
    assertThat(f).containsKey("node002/etc/default/grub.d/50-rdmaforge-iommu.cfg")
        .doesNotContainKey("node001/etc/default/grub.d/50-rdmaforge-iommu.cfg");
    assertThat(f.get("_image/overcloud-images-rdmaforge.yaml"))
        .contains("      DIB_MLNX_OFED_VERSION: \"4.0-2\"\n",
            "      DIB_MLNX_OFED_PKGLIST: \"mlnx-ofed-hypervisor mlnx-fw-updater\"\n");
  }

  @Test
  @DisplayName("inbox rdma-core and NetworkManager: /etc/rdma/modules and a keyfile in datagram mode")
  void render_inboxAndKeyfile_rdmaModulesAndNmconnection() {
    FabricDescription d = FabricYamlReader.parse("f.yaml", BASE + "rdmaStack: inbox\n"
        + "ipoib: {connectedMode: false, mtu: 2044, style: keyfile}\nsriov: {driver: mlx5}\n");
    Map<String, String> f = files(d);
    assertThat(f.get("node001/etc/rdma/modules/infiniband.conf")).isEqualTo("ib_ipoib\nib_umad\n");
    assertThat(f.get("node001/etc/NetworkManager/system-connections/ib0.nmconnection"))
        .contains("[infiniband]\nmtu=2044\ntransport-mode=datagram\n");
    // mlx5 creates VFs through sysfs: no module options at all
    assertThat(f.keySet()).noneMatch(p -> p.contains("modprobe.d"));
  }

  @Test
  @DisplayName("kernel.options naming a parameter mlx4_core does not have: the render stops there")
  void render_unknownKernelOption_failsWithItsPosition() {
    FabricDescription d = FabricYamlReader.parse("f.yaml", BASE
        + "kernel:\n  release: 6.1.0-56-amd64\n  options:\n    mlx4_core: {set_4k_mtu: 1}\n"
        + "    eth_ipoib: {x: 1}\n");
    assertThatThrownBy(() -> new HostRenderers().render(d))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("f.yaml:11:29: kernel.options.mlx4_core.set_4k_mtu: mlx4_core of"
            + " Debian 6.1.0-56-amd64")
        .hasMessageContaining("has no parameter set_4k_mtu (mlx4_core dropped set_4k_mtu")
        .hasMessageContaining("f.yaml:12:20: kernel.options.eth_ipoib.x: the kernel Debian"
            + " 6.1.0-56-amd64");
  }

  @Test
  @DisplayName("sriov.numVfs [65]: one dual-port value above mlx4_core's 64 per port")
  void read_numVfsAbovePortLimit_refusedWhenRead() {
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", BASE + "sriov: {numVfs: [65]}\n"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("Requested more VF's (65) for port (1) than allowed by driver (64)");
  }

  @Test
  @DisplayName("10,000 hypervisors share one text per file kind")
  void render_manyNodes_sharesTexts() {
    String text = BASE.replace("nodes: [node002]", "nodes: [n00001..n10000]");
    List<RenderedFile> files = new HostRenderers().render(FabricYamlReader.parse("f.yaml", text));
    Set<String> texts = Collections.newSetFromMap(new IdentityHashMap<>());
    files.stream().filter(x -> x.path().endsWith("mlx4_core.conf"))
        .forEach(x -> texts.add(x.content()));
    assertThat(texts).hasSize(1);
  }
}
