package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitScriptTest {

  @TempDir Path dir;

  @Test
  @DisplayName("the guest's /init is valid busybox sh and unloads only between scenarios")
  void render_twoScenarios_validShellUnloadBetweenScenarios() throws IOException {
    List<StagedScenario> staged =
        List.of(
            new StagedScenario(0, JudgeScenario.of("a", dir, "mlx5_ib", "ib_core"), Map.of()),
            new StagedScenario(1, JudgeScenario.of("b", dir, "pci-hyperv-intf"), Map.of()));

    String script = InitScript.render(staged);
    Path init = dir.resolve("init");
    Files.writeString(init, script);

    Path busybox = Tools.require("busybox", "busybox-static", Path.of("/bin/busybox"));
    ProcessResult syntax =
        Processes.run(null, List.of(busybox.toString(), "sh", "-n", init.toString()));
    assertThat(syntax.exitCode()).as(syntax.describe()).isZero();
    assertThat(script)
        .contains("/kbin/modprobe -d /s1 -C /s1/etc/modprobe.d -v pci-hyperv-intf 2>&1\n")
        .contains("cat /sys/module/pci_hyperv_intf/initstate");
    List<String> order =
        script
            .lines()
            .filter(l -> l.startsWith("echo \"=== TARGET") || l.equals("unload"))
            .toList();
    assertThat(order)
        .containsExactly(
            "echo \"=== TARGET 0 mlx5_ib\"",
            "echo \"=== TARGET 0 ib_core\"",
            "unload",
            "echo \"=== TARGET 1 pci-hyperv-intf\"",
            "unload");
  }
}
