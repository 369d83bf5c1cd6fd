package dev.rdmaforge.fabric.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.fabric.Examples;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.Role;
import dev.rdmaforge.report.UserInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FabricYamlReaderTest {
  private static final String HEAD = "apiVersion: rdmaforge.dev/v1\nkind: Fabric\n";
  private static final String NETS =
      "physicalNetworks:\n  - {name: ibhostnet, kind: ib, vlanRange: \"1:10\"}\n";
  private static final String GROUPS =
      "groups:\n  - name: hv\n    roles: [compute]\n    nodes: [node002]\n";

  @Test
  @DisplayName("seed 004: node003's eth4 overrides the category's eth6, the rest is inherited")
  void read_icehouseExample_mergesNodeOverrides() {
    FabricDescription d = Examples.icehouse();
    Node n2 = d.nodes().stream().filter(n -> n.name().equals("node002")).findFirst().orElseThrow();
    Node n3 = d.nodes().stream().filter(n -> n.name().equals("node003")).findFirst().orElseThrow();
    assertThat(n2.interfaces()).containsEntry("ibhostnet", "eth6");
    assertThat(n3.interfaces()).containsEntry("ibhostnet", "eth4")
        .containsEntry("phyvlanhostnet", "eth0");
    assertThat(n3.fabrics()).containsEntry("ibhostnet", "ib0");
    assertThat(d.release().legacy()).isTrue();
    assertThat(d.nodesWith(Role.COMPUTE)).extracting(Node::name).containsExactly("node002", "node003");
  }

  @Test
  @DisplayName("the bundled modern example reads without problems")
  void read_modernExample_hasFourNodesAndGuids() {
    FabricDescription d = Examples.modern();
    assertThat(d.nodes()).hasSize(4);
    assertThat(d.nodes().get(0).portGuids()).containsExactly(0x0002c90300001001L);
    assertThat(d.release().mechanismDriver()).isEqualTo("mlnx_infiniband");
  }

  @Test
  @DisplayName("a misspelt key is reported at its line:column with the closest known key")
  void parse_unknownKey_namesPositionAndSuggestion() {
    String text = HEAD + NETS + GROUPS + "sriov:\n  numVf: [8]\n";
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("f.yaml:10:3: unknown key 'numVf' in sriov")
        .hasMessageContaining("perhaps you meant 'numVfs'");
  }

  @Test
  @DisplayName("a YAML syntax error names file:line:column")
  void parse_syntaxError_namesPosition() {
    String text = HEAD + "physicalNetworks: [a, b\n";
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("f.yaml:4:1: YAML syntax error");
  }

  @Test
  @DisplayName("a duplicate key (which the composer accepts) is reported with both places")
  void parse_duplicateKey_isReported() {
    String text = HEAD + NETS + GROUPS + "kind: Fabric\n";
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .hasMessageContaining("f.yaml:9:1: duplicate key 'kind'")
        .hasMessageContaining("first at f.yaml:2:1");
  }

  @Test
  @DisplayName("Neutron refuses VLAN 5000; the description says so at the value")
  void parse_vlanRangeOutOfBounds_isReported() {
    String text = HEAD + "physicalNetworks:\n  - {name: ib, kind: ib, vlanRange: \"1:5000\"}\n" + GROUPS;
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .hasMessageContaining("f.yaml:4:37: vlanRange '1:5000' is not min:max");
  }

  @Test
  @DisplayName("two IB physnets with overlapping ranges would share partitions")
  void parse_overlappingIbRanges_isReported() {
    String text = HEAD + NETS + "  - {name: ib2, kind: ib, vlanRange: \"5:20\"}\n" + GROUPS;
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .hasMessageContaining("f.yaml:5:5: IB networks 'ibhostnet' and 'ib2' overlap");
  }

  @Test
  @DisplayName("more partitions than the PKey table holds is refused before OpenSM logs ERR 0512")
  void parse_tooManyPartitions_isReported() {
    String text = HEAD + "physicalNetworks:\n  - {name: ib, kind: ib, vlanRange: \"1:70\"}\n"
        + "partitions: {pkeyTableSize: 64}\n" + GROUPS;
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .hasMessageContaining("70 tenant partitions plus the default do not fit a PKey table of 64");
  }

  @Test
  @DisplayName("mlx4_core refuses probe_vf > num_vfs; the description catches it")
  void parse_probeVfAboveNumVfs_isReported() {
    String text = HEAD + NETS + GROUPS + "sriov: {numVfs: [4], probeVf: [5]}\n";
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .hasMessageContaining("sriov.probeVf[0] = 5 exceeds numVfs[0] = 4");
  }

  @Test
  @DisplayName("node ranges keep zero padding: node002..node004")
  void parse_nodeRange_expands() {
    String text = HEAD + NETS + "groups:\n  - {name: hv, roles: [compute], nodes: node008..node011}\n";
    FabricDescription d = FabricYamlReader.parse("f.yaml", text);
    assertThat(d.nodes()).extracting(Node::name)
        .containsExactly("node008", "node009", "node010", "node011");
  }

  @Test
  @DisplayName("an override for a node in no group is reported with a suggestion")
  void parse_overrideOfUnknownNode_isReported() {
    String text = HEAD + NETS + GROUPS + "nodes:\n  node02: {portGuids: [\"0x1\"]}\n";
    assertThatThrownBy(() -> FabricYamlReader.parse("f.yaml", text))
        .hasMessageContaining("f.yaml:10:3: node 'node02' is in no group")
        .hasMessageContaining("node002");
  }
}
