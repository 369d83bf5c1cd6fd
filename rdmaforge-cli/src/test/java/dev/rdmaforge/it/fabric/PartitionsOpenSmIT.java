package dev.rdmaforge.it.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ground truth for partitions.conf and opensm.conf: Debian's OpenSM loads what {@code fabric
 * render} wrote into a simulated fabric (ibsim) and every port ends up with exactly the PKeys the
 * description asks for; and for each broken file of the corpus, {@code fabric validate} flags the
 * rule and OpenSM shows the damage (log line, or the PKey tables).
 */
class PartitionsOpenSmIT {
  private static final Path BROKEN = Path.of("src/test/resources/fabric/broken");
  private static final long SM = 0x0002c90300001001L;
  private static final long HCA2 = 0x0002c90300002001L;
  private static final long HCA3 = 0x0002c90300003001L;

  @BeforeAll
  static void needOpenSm() {
    assumeTrue(OpenSmSim.available(), "opensm, ibsim-utils and infiniband-diags are not installed");
  }

  @Test
  @DisplayName("seed 004 rendered: OpenSM gives node001..node003 full PKeys 0x8001..0x800a, the head node only Default")
  void render_example_opensmProgramsExactlyTheDescribedPkeys(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    FabricCli r = FabricCli.run("fabric", "render", example().toString(), "-o", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Path parts = out.resolve("headnode/etc/opensm/partitions.conf");
    Path conf = out.resolve("headnode/etc/opensm/opensm.conf");
    List<Long> guids = List.of(SM, 0x0002c90300002001L, 0x0002c90300003001L, 0x0002c90300004001L);
    OpenSmSim.Run run = OpenSmSim.run(tmp.resolve("sim"), guids, parts, conf);
    assertThat(run.log()).doesNotContain("PARSE ERROR", "PARSE WARN", "ERR ", "retrying");
    List<Integer> tenants = new ArrayList<>(List.of(0xffff));
    for (int id = 1; id <= 10; id++) {
      tenants.add(0x8000 | id);
    }
    assertThat(run.pkeys().get(SM)).containsExactly(0xffff);
    for (long g : guids.subList(1, 4)) {
      assertThat(run.pkeys().get(g)).as("port 0x%016x", g).containsExactlyInAnyOrderElementsOf(tenants);
    }
    assertThat(FabricCli.run("fabric", "validate", out.toString()).exit()).isZero();
  }

  @Test
  @DisplayName("opensm -F accepts the rendered opensm.conf: the effective config keeps every line")
  void render_opensmConf_isTheEffectiveConfig(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    FabricCli.run("fabric", "render", example().toString(), "-o", out.toString());
    Map.Entry<String, String> eff = OpenSmSim.effectiveConfig(tmp,
        out.resolve("headnode/etc/opensm/opensm.conf"));
    assertThat(eff.getValue()).doesNotContain("Unrecognized token", "Invalid Cached Option");
    assertThat(eff.getKey()).contains("\npartition_config_file /etc/opensm/partitions.conf\n",
        "\nallow_both_pkeys FALSE\n", "\npart_enforce both\n", "\nqos FALSE\n");
  }

  static Stream<Arguments> brokenPartitions() {
    Consumer<OpenSmSim.Run> discarded = r -> {
      assertThat(r.log()).contains("retrying with default config");
      assertThat(r.pkeys().get(HCA2)).containsExactly(0xffff);
    };
    return Stream.of(
        Arguments.of("missing-colon", "RF-FAB-001", discarded),
        Arguments.of("lowercase-all", "RF-FAB-001", discarded),
        Arguments.of("crlf", "RF-FAB-001", discarded),
        Arguments.of("comments-only", "RF-FAB-002", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.pkeys().get(HCA2)).containsExactly(0xffff)),
        Arguments.of("long-line", "RF-FAB-003", (Consumer<OpenSmSim.Run>) r -> {
          // the cut falls inside Hca3's GUID: OpenSM silently reads two other GUIDs
          assertThat(r.pkeys().get(HCA2)).contains(0x8001);
          assertThat(r.pkeys().get(HCA3)).containsExactly(0xffff);
        }),
        Arguments.of("abbreviated", "RF-FAB-004", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.pkeys().get(HCA2)).contains(0x8001)),
        Arguments.of("defmember-typo", "RF-FAB-005", (Consumer<OpenSmSim.Run>) r -> {
          assertThat(r.log()).contains("unrecognized partition flag 'defmembr'");
          assertThat(r.pkeys().get(HCA2)).contains(0x0001).doesNotContain(0x8001);
        }),
        Arguments.of("unrealisable-mtu", "RF-FAB-006", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.log()).contains("Failed to create MC group")),
        Arguments.of("pkey-over-16-bits", "RF-FAB-007", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.pkeys().get(HCA2)).contains(0x8001)),
        Arguments.of("duplicate-pkey", "RF-FAB-008", (Consumer<OpenSmSim.Run>) r -> {
          assertThat(r.log()).contains("Duplicated partition definition: 'vlan1b'");
          assertThat(r.pkeys().get(HCA3)).contains(0x8001);
        }),
        Arguments.of("mgid-swallows", "RF-FAB-009", (Consumer<OpenSmSim.Run>) r -> {
          assertThat(r.log()).contains("unrecognized mgroup flag 'ALL_CAS'");
          assertThat(r.pkeys().get(HCA2)).containsExactly(0xffff);
        }),
        Arguments.of("mgid-unicast", "RF-FAB-010", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.log()).contains("gid is not multicast")),
        Arguments.of("port-flag", "RF-FAB-013", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.pkeys().get(HCA2)).contains(0x0001).doesNotContain(0x8001)),
        Arguments.of("both-without-flag", "RF-FAB-014", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.pkeys().get(HCA2)).contains(0x8001).doesNotContain(0x0001)),
        Arguments.of("sl-without-qos", "RF-FAB-015", (Consumer<OpenSmSim.Run>) r ->
            assertThat(r.log()).contains("Overriding SL 3 to default SL 0")));
  }

  @ParameterizedTest(name = "{0}: validate says {1}, OpenSM agrees")
  @MethodSource("brokenPartitions")
  void validate_brokenPartitions_flaggedAndOpenSmShowsIt(String name, String rule,
      Consumer<OpenSmSim.Run> opensmShows, @TempDir Path tmp) throws Exception {
    Path file = BROKEN.resolve("partitions").resolve(name).resolve("partitions.conf");
    FabricCli r = FabricCli.run("fabric", "validate", "--json", file.toString());
    assertThat(r.out()).contains("\"rule\" : \"" + rule + "\"");
    OpenSmSim.Run run = OpenSmSim.run(tmp, List.of(SM, HCA2, HCA3), file, null);
    opensmShows.accept(run);
  }

  static Stream<Arguments> brokenOpenSmConf() {
    return Stream.of(
        Arguments.of("boolean-lowercase", "RF-FAB-020", "", "\nallow_both_pkeys FALSE\n"),
        Arguments.of("unknown-key", "RF-FAB-021", "Unrecognized token: \"allow_both_pkey\"", ""),
        Arguments.of("sm-priority", "RF-FAB-022", "Invalid Cached Option Value:sm_priority",
            "\nsm_priority 0\n"));
  }

  @ParameterizedTest(name = "{0}: validate says {1}, opensm -c agrees")
  @MethodSource("brokenOpenSmConf")
  void validate_brokenOpenSmConf_flaggedAndOpenSmShowsIt(String name, String rule,
      String output, String effective, @TempDir Path tmp) throws Exception {
    Path file = BROKEN.resolve("opensm").resolve(name).resolve("opensm.conf");
    FabricCli r = FabricCli.run("fabric", "validate", file.toString());
    assertThat(r.out()).contains(rule);
    Map.Entry<String, String> eff = OpenSmSim.effectiveConfig(tmp, file);
    assertThat(eff.getValue()).contains(output);
    assertThat(eff.getKey()).contains(effective);
  }

  static Path example() {
    Path p = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(p.resolve("examples/fabric"))) {
      p = p.getParent();
    }
    return p.resolve("examples/fabric/fabric.yaml");
  }
}
