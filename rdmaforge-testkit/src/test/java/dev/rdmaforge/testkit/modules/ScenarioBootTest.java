package dev.rdmaforge.testkit.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScenarioBootTest {

  private static final DebianKernel N =
      new DebianKernel(
          "6.1.0-56-amd64",
          Path.of("/k/56"),
          Path.of("/k/56/lib/modules/6.1.0-56-amd64"),
          Optional.empty());
  private static final DebianKernel O =
      new DebianKernel(
          "6.1.0-47-amd64",
          Path.of("/k/47"),
          Path.of("/k/47/lib/modules/6.1.0-47-amd64"),
          Optional.empty());

  @Test
  @DisplayName("scenarios share a boot per kernel and enforcement, in first-seen order")
  void group_mixed_fewestBoots() {
    CheckScenario s01 = scenario("s01", N, false, "consumer", "provider");
    CheckScenario s07e = scenario("s07e", N, true, "plain");
    CheckScenario s02 = scenario("s02", N, false, "consumer");
    CheckScenario x = scenario("x", O, false, "plain");
    CheckScenario s14e = scenario("s14e", N, true, "mlx5_ib");

    List<ScenarioBoot> boots = ScenarioBoot.group(List.of(s01, s07e, s02, x, s14e));

    assertThat(boots)
        .extracting(b -> b.kernel().release(), ScenarioBoot::sigEnforce, ScenarioBoot::scenarios)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("6.1.0-56-amd64", false, List.of(s01, s02)),
            org.assertj.core.groups.Tuple.tuple("6.1.0-56-amd64", true, List.of(s07e, s14e)),
            org.assertj.core.groups.Tuple.tuple("6.1.0-47-amd64", false, List.of(x)));
    assertThat(boots.get(0).targetCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("the check command line: root, kernel, extra arguments, then the targets")
  void checkArguments_order() {
    CheckScenario s = scenario("s07e", N, true, "plain");

    assertThat(s.checkArguments())
        .containsExactly(
            "--root",
            "/r/s07e",
            "--kernel",
            "6.1.0-56-amd64",
            "--symvers",
            "/s",
            "--sig-enforce",
            "plain");
    assertThat(s.modulesDir()).isEqualTo(Path.of("/r/s07e/lib/modules/6.1.0-56-amd64"));
  }

  private static CheckScenario scenario(
      String id, DebianKernel kernel, boolean enforce, String... targets) {
    List<String> args =
        enforce ? List.of("--symvers", "/s", "--sig-enforce") : List.of("--symvers", "/s");
    return new CheckScenario(id, id, kernel, Path.of("/r", id), List.of(targets), enforce, args);
  }
}
