package dev.rdmaforge.fabric.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.fabric.model.OpenStackRelease;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-file rules RF-FAB-050..064 on small trees made here, judged against the bundled
 * Debian 6.1 table (HostFilesIT runs the same kind of files against the real modules and tools).
 */
class HostChecksTest {
  @TempDir Path tmp;

  private void write(String path, String text) throws IOException {
    Path f = tmp.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private List<Finding> validate() {
    return FabricValidator.validate(new ValidationRequest(List.of(tmp), OpenStackRelease.MODERN,
        Optional.empty(), 128)).findings();
  }

  /** node002 as a hypervisor: its mlnx agent binds ibhostnet to ib0. */
  private void hypervisor() throws IOException {
    write("node002/etc/neutron/plugins/mlnx/mlnx_conf.ini",
        "[eswitch]\nphysical_interface_mappings = ibhostnet:ib0\n");
  }

  @Test
  @DisplayName("an old guide's mlx4_core line: gone and misspelt parameters, a port type 3")
  void validate_oldMlx4Options_flagsEachWord() throws IOException {
    write("node001/etc/modprobe.d/mlx4_core.conf",
        "options mlx4_core num_vfs=16 probe_vf=0 set_4k_mtu=1 num_vf=2 port_type_array=1,3\n");
    List<Finding> f = validate();
    assertThat(f).extracting(Finding::rule)
        .containsExactly("RF-FAB-054", "RF-FAB-051", "RF-FAB-052");
    // judged against the bundled table, not the target's own module: warnings
    assertThat(f.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(f.get(0).location().toString()).endsWith("mlx4_core.conf:1:41");
    assertThat(f.get(1).message()).contains("has no parameter num_vf");
    assertThat(f.get(2).severity()).isEqualTo(Severity.ERROR);
  }

  @Test
  @DisplayName("num_vfs=100 as one value: 100 dual-port VFs exceed port 1's 64")
  void validate_numVfsAbovePortLimit_flagsProbeFailure() throws IOException {
    write("node001/etc/modprobe.d/mlx4.conf", "options mlx4_core num_vfs=100\n");
    assertThat(validate()).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo("RF-FAB-053");
      assertThat(x.message()).contains("Requested more VF's (100) for port (1) than allowed by"
          + " driver (64)");
    });
  }

  @Test
  @DisplayName("num_vfs=300 is not a byte: the kernel refuses it and mlx4_core does not load")
  void validate_numVfsNotAByte_flagsRefusedValue() throws IOException {
    write("node001/etc/modprobe.d/mlx4.conf", "options mlx4_core num_vfs=300\n");
    assertThat(validate()).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo("RF-FAB-051");
      assertThat(x.message()).contains("`300' invalid for parameter `num_vfs'");
    });
  }

  @Test
  @DisplayName("options for eth_ipoib, the Icehouse eth6 driver that no kernel has any more")
  void validate_ethIpoibOptions_flagsGoneModule() throws IOException {
    write("node001/etc/modprobe.d/eth_ipoib.conf", "options eth_ipoib foo=1\n");
    assertThat(validate()).extracting(Finding::rule).containsExactly("RF-FAB-054");
  }

  @Test
  @DisplayName("a hypervisor whose grub line has no intel_iommu=on, and probes every VF itself")
  void validate_hypervisorWithoutIommuAndVfs_flagsCmdlineAndCapacity() throws IOException {
    hypervisor();
    write("node002/etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\"\n");
    write("node002/etc/modprobe.d/mlx4_core.conf",
        "options mlx4_core num_vfs=16 probe_vf=16 port_type_array=2,2\n");
    assertThat(validate()).extracting(x -> x.rule() + " " + x.severity())
        .containsExactlyInAnyOrder("RF-FAB-060 ERROR", "RF-FAB-060 WARNING", "RF-FAB-052 ERROR",
            "RF-FAB-064 WARNING");
  }

  @Test
  @DisplayName("GRUB_CMDLINE_LINUX=intel_iommu=on quiet: the shell keeps neither word")
  void validate_unquotedGrubLine_flagsLostValue() throws IOException {
    hypervisor();
    write("node002/etc/default/grub", "GRUB_CMDLINE_LINUX=intel_iommu=on quiet\n");
    write("node002/etc/default/grub.d/50-iommu.cfg", "GRUB_CMDLINE_LINUX_DEFAULT=iommu=pt\n");
    List<Finding> f = validate();
    assertThat(f).extracting(Finding::rule).containsOnly("RF-FAB-060");
    assertThat(f).extracting(Finding::message).anySatisfy(m ->
        assertThat(m).startsWith("GRUB_CMDLINE_LINUX is set only for the command"));
    assertThat(f).extracting(Finding::message).anySatisfy(m ->
        assertThat(m).startsWith("the command line has no intel_iommu=on"));
  }

  @Test
  @DisplayName("the rendered grub.d snippet after a plain /etc/default/grub: nothing to say")
  void validate_grubDSnippet_addsToTheLine() throws IOException {
    hypervisor();
    write("node002/etc/default/grub", "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=\"\"\n"
        + "GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\n");
    write("node002/etc/default/grub.d/50-rdmaforge-iommu.cfg",
        "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX intel_iommu=on iommu=pt\"\n");
    assertThat(validate()).isEmpty();
  }

  @Test
  @DisplayName("datagram mode with the connected-mode MTU; a keyfile without transport-mode")
  void validate_ipoibFiles_flagsMtuAndMode() throws IOException {
    write("node001/etc/sysconfig/network-scripts/ifcfg-ib0",
        "DEVICE=ib0\nCONNECTED_MODE=no\nMTU=65520\nCONECTED_MODE=yes\n");
    write("node003/etc/NetworkManager/system-connections/ib0.nmconnection",
        "[connection]\nid=ib0\ntype=infiniband\n\n[infiniband]\nmtu=65520\n");
    List<Finding> f = validate();
    assertThat(f).extracting(Finding::rule)
        .containsExactly("RF-FAB-061", "RF-FAB-043", "RF-FAB-061");
    assertThat(f.get(0).message()).contains("MTU 65520 in datagram mode");
    assertThat(f.get(1).fix()).isEqualTo("perhaps you meant CONNECTED_MODE");
    assertThat(f.get(2).message()).contains("transport-mode: property is invalid (missing)");
  }

  @Test
  @DisplayName("seed 004's openib.conf loads eth_ipoib; a typo and a 'true' openibd reads as no")
  void validate_openibConf_flagsGoneModuleAndValues() throws IOException {
    write("node002/etc/infiniband/openib.conf",
        "ONBOOT=yes\nE_IPOIB_LOAD=yes\nMLX4_LOAD=true\nMLX4_LAOD=yes\nIPOIB_LOAD=yes\n");
    write("node002/etc/rdma/modules/infiniband.conf", "ib_ipoib\nib_umad mode=1\n# c\n");
    assertThat(validate()).extracting(x -> x.rule() + " " + x.location().line())
        .containsExactly("RF-FAB-062 2", "RF-FAB-062 3", "RF-FAB-043 4", "RF-FAB-062 2");
  }

  @Test
  @DisplayName("the DIB fragment with an unquoted 4.10 and no repository")
  void validate_dibFragment_flagsTypeAndMissingRepo() throws IOException {
    write("_image/overcloud-images-x.yaml", "disk_images:\n  - imagename: overcloud-full\n"
        + "    elements: [mlnx-ofed]\n    environment:\n      DIB_MLNX_OFED_VERSION: 4.10\n"
        + "      DIB_MLNX_OFED_PKGLST: mlnx-ofed-hypervisor\n");
    List<Finding> f = validate();
    assertThat(f).extracting(x -> x.rule() + " " + x.location().line())
        .containsExactly("RF-FAB-063 2", "RF-FAB-063 5", "RF-FAB-063 6");
    assertThat(f.get(0).message()).contains("aborts the build without DIB_MLNX_OFED_REPO");
    assertThat(f.get(1).message()).contains("4.10 is a float to PyYAML");
    assertThat(f.get(2).fix()).isEqualTo("perhaps you meant DIB_MLNX_OFED_PKGLIST");
  }
}
