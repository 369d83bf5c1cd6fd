package dev.rdmaforge.it.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.modules.CheckScenario;
import dev.rdmaforge.testkit.modules.CheckScenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code check --cmdline}: the target's kernel command line reaches modprobe and the kernel as
 * modprobe.d lines and {@code --sig-enforce} do. The verdicts are the ones the booted kernel gave
 * for the same roots with the same settings made in modprobe.d or on its own command line
 * (s07e, s17a in {@link CheckAgainstKernelIT}): only the route the setting takes is new here.
 */
class CheckCommandLineIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path base;

  private static List<CheckScenario> scenarios;

  @BeforeAll
  static void buildRoots() {
    scenarios = CheckScenarios.standard().buildAll(base);
  }

  private static CheckScenario scenario(String prefix) {
    return scenarios.stream().filter(s -> s.id().startsWith(prefix + "-")).findFirst()
        .orElseThrow();
  }

  private static JsonNode check(CheckScenario s, String cmdline, String module) {
    List<String> args = new ArrayList<>(List.of("check", "--json", "--cmdline", cmdline));
    args.addAll(s.checkArguments());
    args.add(module);
    ProcessResult r = Rdmaforge.run(args);
    assertThat(r.exitCode()).as(r.describe()).isIn(0, 1);
    return JSON.readTree(r.stdout());
  }

  @Test
  @DisplayName("module.sig_enforce=1 on the node's command line refuses the unsigned module (s07e)")
  void sigEnforceOnTheCommandLine_refusesUnsigned() {
    JsonNode doc = check(scenario("s07"), "ro quiet module.sig_enforce=1", "plain");

    assertThat(doc.get("results").get(0).get("verdict").asString())
        .isEqualTo("signature-rejected");
  }

  @Test
  @DisplayName("dummy.numdummies=two on the command line: modprobe passes it, the kernel refuses")
  void moduleParameterOnTheCommandLine_isChecked() {
    JsonNode doc = check(scenario("s17b"), "dummy.numdummies=two", "dummy");

    JsonNode result = doc.get("results").get(0);
    assertThat(result.get("verdict").asString()).isEqualTo("invalid-parameter");
    assertThat(result.get("why").asString())
        .contains("`two' invalid for parameter `numdummies'");
  }

  @Test
  @DisplayName("without --cmdline the same roots load (the settings came only from it)")
  void withoutCommandLine_theyLoad() {
    List<String> args = new ArrayList<>(List.of("check", "--json"));
    args.addAll(scenario("s17b").checkArguments());
    args.add("dummy");
    ProcessResult r = Rdmaforge.run(args);

    assertThat(r.exitCode()).as(r.describe()).isZero();
  }
}
