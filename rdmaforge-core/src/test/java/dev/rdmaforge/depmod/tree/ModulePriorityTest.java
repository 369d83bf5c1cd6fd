package dev.rdmaforge.depmod.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.config.DepmodConfigParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ib_core table of kernel-modules.md §2, decided pairwise as kmod compares files. */
class ModulePriorityTest {
  private static final String DIR = "/lib/modules/6.1.0-56-amd64";
  private static final String KVER = "6.1.0-56-amd64";

  private static ModuleCandidate at(String rel, int order) {
    String path = DIR + "/" + rel;
    return new ModuleCandidate(path, rel, "ib_core", path.lastIndexOf('/'), order);
  }

  private static boolean newWins(String config, String held, String found) {
    DepmodConfig c = DepmodConfigParser.parse(
        "t.conf", config.getBytes(StandardCharsets.ISO_8859_1), KVER, DepmodLog.discard());
    return new ModulePriority(c, DIR).compare(at(held, 0), at(found, 1)).newWins();
  }

  @Test
  @DisplayName("Default search: updates/ beats the in-tree copy, in either scan order")
  void defaultSearch_updatesWins() {
    assertThat(newWins("", "kernel/drivers/infiniband/core/ib_core.ko", "updates/ib_core.ko"))
        .isTrue();
    assertThat(newWins("", "updates/ib_core.ko", "kernel/drivers/infiniband/core/ib_core.ko"))
        .isFalse();
  }

  @Test
  @DisplayName("LANL: 'override ... extras/' names no file, so updates/ keeps winning")
  void override_wrongDirectory_noEffect() {
    String cfg = "override ib_core * extras/mlnx-ofa_kernel/drivers/infiniband/core\n";
    assertThat(newWins(cfg, "updates/ib_core.ko",
        "extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko")).isFalse();
  }

  @Test
  @DisplayName("Override matches the exact directory, not a prefix ('ov * kernel' has no effect)")
  void override_prefixDoesNotMatch() {
    assertThat(newWins("override ib_core * kernel\n", "updates/ib_core.ko",
        "kernel/drivers/infiniband/core/ib_core.ko")).isFalse();
    assertThat(newWins("override ib_core * kernel/drivers/infiniband/core\n",
        "updates/ib_core.ko", "kernel/drivers/infiniband/core/ib_core.ko")).isTrue();
  }

  @Test
  @DisplayName("The override parsed last wins (zz02 beats zz01)")
  void override_lastParsedWins() {
    String cfg = "override ib_core * extra\noverride ib_core * weak-updates\n";
    assertThat(newWins(cfg, "extra/ib_core.ko", "weak-updates/ib_core.ko")).isTrue();
    assertThat(newWins(cfg, "weak-updates/ib_core.ko", "extra/ib_core.ko")).isFalse();
  }

  @Test
  @DisplayName("RHEL search order: updates extra built-in weak-updates")
  void search_rhelOrder() {
    String cfg = "search updates extra built-in weak-updates\n";
    assertThat(newWins(cfg, "weak-updates/ib_core.ko", "updates/ib_core.ko")).isTrue();
    assertThat(newWins(cfg, "weak-updates/ib_core.ko",
        "kernel/drivers/infiniband/core/ib_core.ko")).isTrue();
    assertThat(newWins(cfg, "extra/ib_core.ko", "weak-updates/ib_core.ko")).isFalse();
  }

  @Test
  @DisplayName("Equal rank: the file found first stays, unless both are under one search dir")
  void ties() {
    assertThat(newWins("", "kernel/a/ib_core.ko", "extra/ib_core.ko")).isFalse();
    // kmod's 'else if': when both files are under updates/, only the new one gets the rank.
    assertThat(newWins("", "updates/b/ib_core.ko", "updates/a/ib_core.ko")).isTrue();
  }
}
