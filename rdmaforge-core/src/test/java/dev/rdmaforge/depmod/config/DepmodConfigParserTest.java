package dev.rdmaforge.depmod.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.DepmodLog.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DepmodConfigParserTest {
  private static final String KVER = "6.1.0-56-amd64";
  private final List<String> messages = new ArrayList<>();

  private DepmodConfig parse(String text) {
    return DepmodConfigParser.parse(
        "/etc/depmod.d/test.conf",
        text.getBytes(StandardCharsets.ISO_8859_1),
        KVER,
        (level, m) -> messages.add(level + " " + m));
  }

  @Test
  @DisplayName("MLNX OFED's zz01 file: override lines are kept last-parsed-first, with file:line")
  void parse_overridesInKmodListOrder() {
    DepmodConfig c =
        parse(
            "override mlx5_core * extra/mlnx-ofa_kernel/drivers/net/ethernet/mellanox/mlx5/core\n"
                + "override ib_core * extra/mlnx-ofa_kernel/drivers/infiniband/core\n");
    assertThat(c.overrides()).extracting(OverrideRule::moduleName)
        .containsExactly("ib_core", "mlx5_core");
    assertThat(c.overrides().get(0).path())
        .isEqualTo("extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core");
    assertThat(c.overrides().get(0).origin()).hasToString("/etc/depmod.d/test.conf:2");
    assertThat(messages).isEmpty();
  }

  @Test
  @DisplayName("No search line: kmod adds 'search updates' by itself")
  void parse_noSearch_defaultsToUpdates() {
    DepmodConfig c = parse("# nothing\n\n");
    assertThat(c.searches()).extracting(SearchEntry::word).containsExactly("updates");
    assertThat(c.searches().get(0).origin()).isEqualTo(Origin.BUILT_IN_DEFAULT);
  }

  @Test
  @DisplayName("RHEL's search line: words reversed into kmod's list, built-in and external kinds")
  void parse_searchWords() {
    DepmodConfig c = parse("search updates extra built-in weak-updates external\n");
    assertThat(c.searches()).extracting(SearchEntry::word)
        .containsExactly("external", "weak-updates", "built-in", "extra", "updates");
    assertThat(c.searches().get(0).kind()).isEqualTo(SearchEntry.Kind.EXTERNAL);
    assertThat(c.searches().get(2).kind()).isEqualTo(SearchEntry.Kind.BUILT_IN);
  }

  @Test
  @DisplayName("Typos and short lines are kmod's 'ignoring bad line' errors with file:line")
  void parse_badLines_reportedLikeKmod() {
    parse("overide ib_core * extra\noverride ib_core *\n  # indented comment\nfoo\n");
    assertThat(messages).containsExactly(
        "ERROR /etc/depmod.d/test.conf:1: ignoring bad line starting with 'overide'\n",
        "ERROR /etc/depmod.d/test.conf:2: ignoring bad line starting with 'override'\n",
        "ERROR /etc/depmod.d/test.conf:3: ignoring bad line starting with '#'\n",
        "ERROR /etc/depmod.d/test.conf:4: ignoring bad line starting with 'foo'\n");
  }

  @Test
  @DisplayName("A backslash joins lines; kmod reports the last physical line of the joined one")
  void parse_continuationLines_countPhysicalLines() {
    DepmodConfig c = parse("search \\\nextra\nbogus\\\nline\n");
    assertThat(c.searches()).extracting(SearchEntry::word).containsExactly("extra");
    assertThat(c.searches().get(0).origin().line()).isEqualTo(2);
    assertThat(messages)
        .containsExactly(
            "ERROR /etc/depmod.d/test.conf:4: ignoring bad line starting with 'bogusline'\n");
  }

  @Test
  @DisplayName("An override for another kernel is dropped with kmod's INFO message")
  void parse_overrideForOtherKernel_dropped() {
    DepmodConfig c = parse("override ib_core 6.1.0-47-amd64 weak-updates\n"
        + "override ib_core 6.1.0-5.* extra\n");
    assertThat(c.overrides()).extracting(OverrideRule::subdir).containsExactly("extra");
    assertThat(messages).containsExactly(
        Level.INFO + " /etc/depmod.d/test.conf:1: override kernel did not match 6.1.0-47-amd64\n");
  }

  @Test
  @DisplayName("include and make_map_files are 'not implemented yet', exclude keeps its words")
  void parse_includeAndExclude() {
    DepmodConfig c = parse("include /etc/x\nexclude .git build2\n");
    assertThat(c.excludes()).containsExactly("build2", ".git");
    assertThat(messages)
        .containsExactly("INFO /etc/depmod.d/test.conf:1: command include not implemented yet\n");
  }
}
