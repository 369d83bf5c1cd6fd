package dev.rdmaforge.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.tree.TreeView;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order in which an alias index yields modules. It shows where priorities tie: every value of
 * modules.builtin.alias has priority 0, so the trie walk decides (a filesystem alias such as {@code
 * fs-ext4} can be claimed by several built-in modules). Expectations are Debian 12's {@code
 * modprobe -R} on the same index files.
 */
class WildcardIndexTest {
  @TempDir Path tmp;

  private ProbePlanner planner() {
    Path dir =
        new ModuleDirFixture(tmp.resolve("lib/modules/9.9"))
            .builtinAlias("fs_ab", "m1")
            .builtinAlias("fs_*", "m2")
            .builtinAlias("fs_a*", "m3")
            .builtinAlias("fs_ab*", "m4")
            .builtinAlias("fs_?b", "m5")
            .builtinAlias("fs_[a]b", "m6")
            .builtinAlias("f*", "m1")
            .builtinAlias("fs_*c", "m6")
            .write();
    return new ProbePlanner(
        ModprobeConfig.empty(), IndexedModuleTree.open(TreeView.host(), dir.toString()));
  }

  @Test
  @DisplayName("Equal priorities: last visited first; wildcards nearer the start visited first")
  void builtinAliases_kmodOrder() {
    ProbePlanner p = planner();
    assertThat(p.resolve("fs-ab")).isEqualTo(List.of("m1", "m4", "m3", "m6", "m5", "m2", "m1"));
    assertThat(p.resolve("fs-abc")).isEqualTo(List.of("m4", "m3", "m2", "m6", "m1"));
    assertThat(p.resolve("fs-x")).isEqualTo(List.of("m2", "m1"));
  }

  @Test
  @DisplayName("Priorities first: the module listed earlier in modules.dep comes first")
  void moduleAliases_byPriority() {
    Path dir =
        new ModuleDirFixture(tmp.resolve("lib/modules/9.8"))
            .module("a.ko")
            .module("b.ko")
            .module("c.ko")
            .alias("usb:v1234p*", "c")
            .alias("usb:v1234p5678", "b")
            .alias("usb:v*", "a")
            .write();
    ProbePlanner p =
        new ProbePlanner(
            ModprobeConfig.empty(), IndexedModuleTree.open(TreeView.host(), dir.toString()));
    assertThat(p.resolve("usb:v1234p5678")).containsExactly("a", "b", "c");
  }
}
