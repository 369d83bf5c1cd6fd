package dev.rdmaforge.fabric.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.fabric.Examples;
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
    assertThat(r.files()).hasSize(13);
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
}
