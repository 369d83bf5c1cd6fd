package dev.rdmaforge.it.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.judge.BootReport;
import dev.rdmaforge.testkit.judge.JudgeScenario;
import dev.rdmaforge.testkit.judge.KernelJudge;
import dev.rdmaforge.testkit.judge.LoadVerdict;
import dev.rdmaforge.testkit.modules.CheckScenario;
import dev.rdmaforge.testkit.modules.CheckScenarios;
import dev.rdmaforge.testkit.modules.ScenarioBoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kernel as the judge (issue 3 §6, §7): every scenario root is given to {@code rdmaforge check
 * --json} first (nothing is booted), then booted for real — the Debian kernel under QEMU runs
 * modprobe for each target — and for every target the module, verdict, blocked_by, symbol set,
 * file and taints must be the same. The scenarios stand for the failures of seed 003: a module
 * built for another ABI, a consumer of another provider build, the vendor ib_core in updates/,
 * weak-updates links, unsigned and untrusted modules under enforcement, stale vermagic, chains,
 * softdeps, built-ins, compressed modules and the real mlx5_ib stack.
 */
class CheckAgainstKernelIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path base;

  /** Per scenario, rdmaforge's results in target order (no target is an alias of several). */
  private static final Map<String, List<JsonNode>> predicted = new ConcurrentHashMap<>();
  private static final Map<String, String> checkOutput = new ConcurrentHashMap<>();
  /** scenario id -> the findings rdmaforge reported. */
  private static final Map<String, JsonNode> findings = new ConcurrentHashMap<>();
  private static final List<LoadVerdict> judged = new ArrayList<>();
  private static List<CheckScenario> scenarios;

  @BeforeAll
  static void predictThenBoot() {
    scenarios = CheckScenarios.standard().buildAll(base);
    // Predict before the judge touches the roots (it runs the image's own depmod in each).
    scenarios.parallelStream().forEach(CheckAgainstKernelIT::predict);
    for (ScenarioBoot boot : ScenarioBoot.group(scenarios)) {
      List<JudgeScenario> judgeScenarios = new ArrayList<>();
      for (CheckScenario s : boot.scenarios()) {
        judgeScenarios.add(new JudgeScenario(s.id(), s.root(), s.targets()));
      }
      BootReport report =
          KernelJudge.of(boot.kernel()).sigEnforce(boot.sigEnforce()).judge(judgeScenarios);
      System.out.printf("boot %s enforce=%s: %d targets in %d ms%n", boot.kernel().release(),
          boot.sigEnforce(), boot.targetCount(), report.boot().toMillis());
      judged.addAll(report.verdicts());
    }
  }

  private static void predict(CheckScenario s) {
    List<String> args = new ArrayList<>(List.of("check", "--json"));
    args.addAll(s.checkArguments());
    ProcessResult r = Rdmaforge.run(args);
    checkOutput.put(s.id(), r.describe());
    assertThat(r.exitCode()).as("rdmaforge check on %s: %s", s.id(), r.describe()).isIn(0, 1);
    JsonNode doc = JSON.readTree(r.stdout());
    assertThat(doc.get("schema").asInt()).isEqualTo(1);
    List<JsonNode> results = new ArrayList<>();
    doc.get("results").forEach(results::add);
    predicted.put(s.id(), results);
    findings.put(s.id(), doc.get("findings"));
  }

  private static List<JsonNode> findingsOf(String idPrefix, String rule) {
    List<JsonNode> list = new ArrayList<>();
    findings.forEach((id, all) -> {
      if (id.startsWith(idPrefix)) {
        all.forEach(f -> {
          if (f.get("rule").asString().equals(rule)) {
            list.add(f);
          }
        });
      }
    });
    return list;
  }

  @Test
  void vendorIbCore_fixIsTheOverrideLineThatTheKernelConfirms() {
    // s04: the fix names the in-tree directory; s05 carries that override and the booted kernel
    // loads the whole stack there (asserted per target above).
    List<JsonNode> s04 = findingsOf("s04-", "RF-CHK-001");
    assertThat(s04).hasSize(1);
    assertThat(s04.get(0).get("file").asString()).endsWith("/updates/ib_core.ko");
    assertThat(s04.get(0).get("fix").asString())
        .contains("override ib_core ").contains(" kernel/drivers/infiniband/core'");
    assertThat(judged).filteredOn(v -> v.scenario().startsWith("s05-"))
        .isNotEmpty().allMatch(v -> v.verdict().equals(LoadVerdict.LOADS));
  }

  @Test
  void missingFirmware_isAWarningOnlyWhenTheImageLacksIt() {
    assertThat(findingsOf("s15b-", "RF-CHK-010")).singleElement()
        .satisfies(f -> assertThat(f.get("severity").asString()).isEqualTo("warning"))
        .satisfies(f -> assertThat(f.get("message").asString()).contains("rdmaforge-test/fw.bin"));
    assertThat(findingsOf("s15c-", "RF-CHK-010")).isEmpty();
  }

  @Test
  void modprobeDLines_areFindingsAtTheLineThatDecided() {
    // s16a: the failing install line is an error at its line; s16c: a module kept out by
    // `install /bin/true` is only worth knowing; the booted kernel agrees on both (above).
    assertThat(findingsOf("s16a-", "RF-CHK-011")).singleElement()
        .satisfies(f -> assertThat(f.get("file").asString())
            .isEqualTo("etc/modprobe.d/rdmaforge-test.conf"))
        .satisfies(f -> assertThat(f.get("line").asInt()).isEqualTo(1))
        .satisfies(f -> assertThat(f.get("fix").asString()).contains("remove the install line"));
    assertThat(findingsOf("s16b-", "RF-CHK-011")).singleElement();
    assertThat(findingsOf("s16c-", "RF-CHK-013")).singleElement()
        .satisfies(f -> assertThat(f.get("severity").asString()).isEqualTo("info"));
    assertThat(findingsOf("s16d-", "RF-CHK-013")).singleElement()
        .satisfies(f -> assertThat(f.get("line").asInt()).isEqualTo(2));
    assertThat(findingsOf("s17a-", "RF-CHK-014")).singleElement()
        .satisfies(f -> assertThat(f.get("message").asString())
            .contains("`two' invalid for parameter `numdummies'"));
    assertThat(findingsOf("s17b-", "RF-CHK-015")).singleElement()
        .satisfies(f -> assertThat(f.get("severity").asString()).isEqualTo("warning"))
        .satisfies(f -> assertThat(f.get("message").asString()).contains("rdmaforge_typo"));
    assertThat(findingsOf("s17b-", "RF-CHK-014")).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyTargetAgreesWithTheBootedKernel() {
    assertThat(judged).hasSizeGreaterThanOrEqualTo(
        scenarios.stream().mapToInt(s -> s.targets().size()).sum());
    // The judge reports the targets of a scenario in order, as check does: match them by position
    // (two targets may name one module, e.g. a blacklisted alias and the module itself).
    Map<String, Integer> position = new HashMap<>();
    return judged.stream().map(kernel -> {
      int index = position.merge(kernel.scenario(), 1, Integer::sum) - 1;
      return DynamicTest.dynamicTest(
          kernel.scenario() + " " + kernel.module() + " -> " + kernel.verdict(),
          () -> {
            List<JsonNode> ours = predicted.get(kernel.scenario());
            assertThat(ours).as("rdmaforge has a result #%d (%s) in %s:%n%s", index,
                kernel.module(), kernel.scenario(), checkOutput.get(kernel.scenario()))
                .hasSizeGreaterThan(index);
            compare(kernel, ours.get(index));
          });
    });
  }

  private static void compare(LoadVerdict kernel, JsonNode ours) {
    String why = "kernel said " + kernel.describe() + "; rdmaforge said " + ours;
    assertThat(ours.get("module").asString()).as(why).isEqualTo(kernel.module());
    assertThat(ours.get("verdict").asString()).as(why).isEqualTo(kernel.verdict());
    assertThat(text(ours.get("blocked_by"))).as(why).isEqualTo(kernel.blockedBy());
    assertThat(strings(ours.get("symbols"))).as(why)
        .containsExactlyElementsOf(kernel.symbols());
    assertThat(strings(ours.get("taints")).stream().sorted().toList()).as(why)
        .containsExactlyElementsOf(kernel.taints());
    if (kernel.file() != null || kernel.verdict().equals(LoadVerdict.LOADS)) {
      assertThat(text(ours.get("file"))).as(why).isEqualTo(kernel.file());
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asString()));
    return list;
  }
}
