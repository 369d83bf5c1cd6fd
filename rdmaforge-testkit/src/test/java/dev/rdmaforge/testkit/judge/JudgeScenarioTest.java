package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeScenarioTest {

  @TempDir Path root;

  @Test
  @DisplayName("targets go into a shell script: module names only")
  void new_shellMetacharacters_rejected() {
    assertThatThrownBy(() -> JudgeScenario.of("a", root, "ib_core; reboot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ib_core; reboot' is no module name");
    assertThatThrownBy(() -> JudgeScenario.of("a", root))
        .hasMessageContaining("at least one target");
    assertThatThrownBy(() -> JudgeScenario.of("a b", root, "x")).hasMessageContaining("'a b'");
  }

  @Test
  @DisplayName("dashed module names and dotted ids are fine; the root stays absolute for chroot")
  void new_validNames_kept() {
    JudgeScenario scenario = JudgeScenario.of("v.1", root, "mlx5-ib", "ib_core");

    assertThat(scenario.root().isAbsolute()).isTrue();
    assertThat(scenario.targets()).containsExactly("mlx5-ib", "ib_core");
  }
}
