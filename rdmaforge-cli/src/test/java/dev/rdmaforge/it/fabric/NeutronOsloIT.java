package dev.rdmaforge.it.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ground truth for the Neutron-side files: Debian's python3-neutron, python3-nova and oslo.config parse what
 * {@code fabric render} wrote, with every value converted and neutron_lib's VLAN-range and mapping
 * parsers run (validate_oslo.py). networking-mlnx is not in Debian 12, so mlnx_conf.ini and
 * eswitchd.conf are checked against its option list declared in the script (schema-only).
 */
class NeutronOsloIT {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("src/test/resources/fabric/validate_oslo.py");
  private static final Path BROKEN = Path.of("src/test/resources/fabric/broken/neutron");

  @BeforeAll
  static void needNeutron() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 missing");
    assumeTrue(python("-c", "import neutron.opts, neutron_lib, oslo_config").exit() == 0,
        "python3-neutron / python3-oslo.config are not installed");
    assumeTrue(python("-c", "import nova.pci.whitelist").exit() == 0, "python3-nova is not installed");
  }

  record Py(int exit, String out) {}

  static Py python(String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(PYTHON.toString()),
        Stream.of(args)).toList()).redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Py(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("every rendered Neutron / networking-mlnx file is accepted by oslo.config and neutron_lib")
  void render_example_everyNeutronFileParsesInOslo(@TempDir Path tmp) throws Exception {
    FabricCli r = FabricCli.run("fabric", "render", PartitionsOpenSmIT.example().toString(), "-o",
        tmp.toString());
    assertThat(r.exit()).isZero();
    List<String[]> files = List.of(
        new String[] {"ml2", "headnode/etc/neutron/plugins/ml2/ml2_conf.ini"},
        new String[] {"linuxbridge", "node001/etc/neutron/plugins/ml2/linuxbridge_agent.ini"},
        new String[] {"linuxbridge", "node003/etc/neutron/plugins/ml2/linuxbridge_agent.ini"},
        new String[] {"dhcp", "node001/etc/neutron/dhcp_agent.ini"},
        new String[] {"mlnx", "node002/etc/neutron/plugins/mlnx/mlnx_conf.ini"},
        new String[] {"eswitchd", "node003/etc/eswitchd/eswitchd.conf"},
        new String[] {"nova", "node002/etc/nova/nova.conf.d/50-rdmaforge-pci.conf"});
    for (String[] f : files) {
      Py py = python(SCRIPT.toString(), f[0], tmp.resolve(f[1]).toString());
      assertThat(py.exit()).as(f[1] + ": " + py.out()).isZero();
    }
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("vlan-tag-5000/ml2_conf.ini", "ml2", "RF-FAB-034", "5000 is not a valid VLAN tag"),
        Arguments.of("maybe-boolean/ml2_conf.ini", "ml2", "RF-FAB-042", "Unexpected boolean value 'maybe'"),
        Arguments.of("icehouse-eswitch/ml2_conf.ini", "ml2", "RF-FAB-038", "unknown section [eswitch]"),
        Arguments.of("indented-section/ml2_conf.ini", "ml2", "RF-FAB-041", "ParseError"),
        Arguments.of("interface-twice/linuxbridge_agent.ini", "linuxbridge", "RF-FAB-045", "not unique"),
        Arguments.of("polling-2s/mlnx_conf.ini", "mlnx", "RF-FAB-042", "polling_interval"),
        Arguments.of("mapping-no-colon/mlnx_conf.ini", "mlnx", "RF-FAB-045", "Invalid mapping"),
        Arguments.of("fabric-twice/eswitchd.conf", "eswitchd", "RF-FAB-045", "not unique"),
        Arguments.of("vendor-not-hex/nova.conf", "nova", "RF-FAB-044", "PciConfigInvalidSpec"),
        Arguments.of("icehouse-vif-driver/nova.conf", "nova", "RF-FAB-038",
            "unknown option [libvirt] vif_driver"));
  }

  @ParameterizedTest(name = "{0}: validate says {2}, oslo.config says {3}")
  @MethodSource("broken")
  void validate_brokenFile_flaggedAndOsloRefusesIt(String file, String kind, String rule,
      String consumerSays) throws Exception {
    Path path = BROKEN.resolve(file);
    FabricCli r = FabricCli.run("fabric", "validate", path.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("error " + rule);
    Py py = python(SCRIPT.toString(), kind, path.toString());
    assertThat(py.exit()).isNotZero();
    assertThat(py.out()).contains(consumerSays);
  }
}
