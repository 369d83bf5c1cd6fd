package dev.rdmaforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself, with shell commands standing in for the two depmods. */
class DepmodSideBySideTest {

  @TempDir Path dir;

  @Test
  void run_sameBehaviour_hasNoMismatches() throws IOException {
    Path modulesDir = Files.createDirectories(dir.resolve("tree"));
    String script = "echo 'a.ko:' > " + modulesDir + "/modules.dep; echo 'depmod: WARNING: x' >&2";

    DepmodSideBySide.Result result =
        DepmodSideBySide.run(modulesDir, dir.resolve("out"), () -> sh(script), () -> sh(script));

    assertThat(result.mismatches()).as(result.report()).isEmpty();
    assertThat(modulesDir.resolve("modules.dep"))
        .as("outputs moved out of the tree")
        .doesNotExist();
  }

  @Test
  @DisplayName("a drop-in that exits differently, warns differently and writes other bytes")
  void run_differentBehaviour_listsEveryMismatch() throws IOException {
    Path modulesDir = Files.createDirectories(dir.resolve("tree"));
    String real = "echo 'a.ko:' > " + modulesDir + "/modules.dep; echo 'depmod: WARNING: x' >&2";
    String ours =
        "echo 'b.ko:' > " + modulesDir + "/modules.dep; echo 'depmod: WARNING: y' >&2; exit 1";

    DepmodSideBySide.Result result =
        DepmodSideBySide.run(modulesDir, dir.resolve("out"), () -> sh(real), () -> sh(ours));

    assertThat(result.mismatches())
        .hasSize(4)
        .contains("exit code: real depmod 0, ours 1")
        .contains("stderr only from real depmod: depmod: WARNING: x")
        .contains("stderr only from ours: depmod: WARNING: y")
        .anyMatch(m -> m.startsWith("modules.dep: differs at byte 0"));
  }

  @Test
  @DisplayName("outputs left from an earlier depmod run are removed before the comparison")
  void run_staleOutputsInTree_areCleanedFirst() throws IOException {
    Path modulesDir = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(modulesDir.resolve("modules.alias"), "stale\n");

    DepmodSideBySide.Result result =
        DepmodSideBySide.run(modulesDir, dir.resolve("out"), () -> sh("true"), () -> sh("true"));

    assertThat(result.mismatches()).isEmpty();
    assertThat(modulesDir.resolve("modules.alias")).doesNotExist();
  }

  private static ProcessResult sh(String script) {
    return Processes.run(null, List.of("sh", "-c", script));
  }
}
