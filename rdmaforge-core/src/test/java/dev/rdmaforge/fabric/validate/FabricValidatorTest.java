package dev.rdmaforge.fabric.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.fabric.Examples;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.OpenStackRelease;
import dev.rdmaforge.fabric.render.FabricRenderer;
import dev.rdmaforge.fabric.render.RenderWriter;
import dev.rdmaforge.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricValidatorTest {

  private static ValidationResult validate(Path dir, String release) {
    return FabricValidator.validate(new ValidationRequest(List.of(dir),
        new OpenStackRelease(release), Optional.empty(), 128));
  }

  @Test
  @DisplayName("what render writes, validate accepts: consistent by construction")
  void validate_renderedModernExample_hasNoFindings(@TempDir Path tmp) {
    RenderWriter.write(tmp, new FabricRenderer().render(Examples.modern()));
    ValidationResult r = validate(tmp, "2024.1");
    assertThat(r.findings()).isEmpty();
    // 13 OpenStack/OpenSM files, 18 host files on 4 nodes (modprobe.d, openib.conf, ifcfg-ib0,
    // grub.d on the hypervisors), and the image fragment
    assertThat(r.files()).hasSize(32);
  }

  @Test
  @DisplayName("seed 004's Icehouse files are fine for Icehouse, and flagged for a modern release")
  void validate_icehouseFilesOnModernRelease_flagsLegacyNames(@TempDir Path tmp) {
    RenderWriter.write(tmp, new FabricRenderer().render(Examples.icehouse()));
    assertThat(validate(tmp, "icehouse").findings()).isEmpty();
    ValidationResult modern = validate(tmp, "2024.1");
    assertThat(modern.hasErrors()).isTrue();
    assertThat(modern.findings()).extracting(Finding::rule)
        .contains("RF-FAB-036", "RF-FAB-038", "RF-FAB-040");
  }

  @Test
  @DisplayName("a segmentation id without a partition: VMs on it get no PKey")
  void validate_rangeWiderThanPartitions_flagsMissingIds(@TempDir Path tmp) throws Exception {
    RenderWriter.write(tmp, new FabricRenderer().render(Examples.modern()));
    Path ml2 = tmp.resolve("headnode/etc/neutron/plugins/ml2/ml2_conf.ini");
    Files.writeString(ml2, Files.readString(ml2).replace("ibhostnet:1:10", "ibhostnet:1:12"));
    ValidationResult r = validate(tmp, "2024.1");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("RF-FAB-030");
      assertThat(f.message()).startsWith("segmentation ids 11-12 of IB network ibhostnet");
      assertThat(f.location().toString()).endsWith("ml2_conf.ini:12:23");
    });
  }

  @Test
  @DisplayName("node003's eswitchd maps ibhostnet to ib1 while its agent says ib0")
  void validate_agentAndEswitchdDisagree_flagsMismatch(@TempDir Path tmp) throws Exception {
    RenderWriter.write(tmp, new FabricRenderer().render(Examples.modern()));
    Path esw = tmp.resolve("node003/etc/eswitchd/eswitchd.conf");
    Files.writeString(esw, Files.readString(esw).replace("ibhostnet:ib0", "ibhostnet:ib1"));
    ValidationResult r = validate(tmp, "2024.1");
    assertThat(r.findings()).extracting(Finding::rule).containsExactly("RF-FAB-033");
    assertThat(r.findings().get(0).message()).contains("on node003 maps ibhostnet to ib0 but eswitchd to ib1");
  }

  private static ValidationResult validate(Path dir, FabricDescription d) {
    return FabricValidator.validate(new ValidationRequest(List.of(dir), d.release(),
        Optional.empty(), d.partitions().pkeyTableSize(), Optional.of(d)));
  }

  @Test
  @DisplayName("--description: the rendered files agree with the description they came from")
  void validate_againstOwnDescription_hasNoFindings(@TempDir Path tmp) {
    FabricDescription d = Examples.modern();
    RenderWriter.write(tmp, new FabricRenderer().render(d));
    assertThat(validate(tmp, d).findings()).isEmpty();
  }

  @Test
  @DisplayName("--description: node003's port left out of the partitions, a stranger's port in")
  void validate_againstDescription_flagsMissingAndUnknownPorts(@TempDir Path tmp)
      throws Exception {
    FabricDescription d = Examples.modern();
    RenderWriter.write(tmp, new FabricRenderer().render(d));
    Path parts = tmp.resolve("headnode/etc/opensm/partitions.conf");
    Files.writeString(parts, Files.readString(parts)
        .replace("  0x0002c90300004001;", "  0x0002c90300009999;"));
    ValidationResult r = validate(tmp, d);
    assertThat(r.findings()).extracting(Finding::rule).containsOnly("RF-FAB-070", "RF-FAB-071");
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("RF-FAB-070")).hasSize(10)
        .first().satisfies(f -> assertThat(f.message()).startsWith("partition 0x0001 (ibhostnet"
            + " segment 1) lacks the full-member port of node003 (0x0002c90300004001)"));
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("RF-FAB-071")).hasSize(10)
        .first().satisfies(f -> assertThat(f.message()).startsWith("port 0x0002c90300009999 in"
            + " partition 0x0001 belongs to no node of the description"));
  }

  @Test
  @DisplayName("--description: ML2's range and ifcfg's MTU differ from what the description says")
  void validate_againstDescription_flagsSettingsThatDiffer(@TempDir Path tmp) throws Exception {
    FabricDescription d = Examples.modern();
    RenderWriter.write(tmp, new FabricRenderer().render(d));
    Path ml2 = tmp.resolve("headnode/etc/neutron/plugins/ml2/ml2_conf.ini");
    Files.writeString(ml2, Files.readString(ml2).replace("phyvlanhostnet:11:20",
        "phyvlanhostnet:11:30"));
    Path ifcfg = tmp.resolve("node002/etc/sysconfig/network-scripts/ifcfg-ib0");
    Files.writeString(ifcfg, Files.readString(ifcfg).replace("MTU=65520", "MTU=2044"));
    assertThat(validate(tmp, d).findings()).extracting(f -> f.rule() + ": " + f.message())
        .containsExactly("RF-FAB-072: phyvlanhostnet has VLAN range 11:30 here but 11:20 in the"
            + " description (" + d.file() + ")", "RF-FAB-072: IPoIB MTU 2044 but the description"
            + " says 65520 (" + d.file() + ")");
  }

  @Test
  @DisplayName("messages name sections as the file writes them ([ESWITCH], not [eswitch])")
  void validate_upperCaseSections_messagesKeepTheSpelling(@TempDir Path tmp) throws Exception {
    Path mlnx = tmp.resolve("node002/etc/neutron/plugins/mlnx/mlnx_conf.ini");
    Files.createDirectories(mlnx.getParent());
    Files.writeString(mlnx, "[ESWITCH]\nphysical_interface_mappings = ibhostnet:ib0\n"
        + "vnic_typ = hostdev\n[Agent]\npolling_interval = 2s\n");
    assertThat(validate(tmp, "2024.1").findings()).extracting(Finding::message).containsExactly(
        "networking-mlnx [ESWITCH] has no option 'vnic_typ' (schema check: networking-mlnx"
            + " stackhpc/2024.1)",
        "[Agent] polling_interval = 2s is not an integer (oslo.config: ConfigFileValueError)");
  }
}
