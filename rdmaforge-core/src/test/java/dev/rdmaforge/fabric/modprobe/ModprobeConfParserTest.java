package dev.rdmaforge.fabric.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.report.Finding;
import org.junit.jupiter.api.Test;

/**
 * libkmod's kmod_config_parse on the lines people write into modprobe.d; the messages and line
 * numbers are the ones `modprobe -c -C DIR` prints (HostFilesIT runs it on the same files).
 */
class ModprobeConfParserTest {

  @Test
  void parse_seed004Line_oneOptionsCommandWithPositions() {
    ModprobeConf c = ModprobeConfParser.parse("mlx4_core.conf",
        "# from the guide\noptions mlx4_core port_type_array=1,1 num_vfs=16 probe_vf=0\n");
    assertThat(c.findings()).isEmpty();
    ModprobeCommand o = c.options().get(0);
    assertThat(o.module()).isEqualTo("mlx4_core");
    assertThat(o.where().toString()).isEqualTo("mlx4_core.conf:2:9");
    assertThat(o.options()).extracting(m -> m.where().toString())
        .containsExactly("mlx4_core.conf:2:19", "mlx4_core.conf:2:39", "mlx4_core.conf:2:50");
  }

  @Test
  void parse_badLines_reportedAtKmodsLineNumbers() {
    ModprobeConf c = ModprobeConfParser.parse("x.conf", "options mlx4-ib sm_guid_assign=0 \\\n"
        + "  foo=1\n  # indented comment\noption mlx4_core num_vfs=16\noptions mlx5_core\n"
        + "options mlx5_core \ninclude /etc/other\n");
    assertThat(c.findings()).extracting(Finding::toString).containsExactly(
        "x.conf:3:1: error RF-FAB-050: libkmod: x.conf line 3: ignoring bad line starting with"
            + " '#' (the line has no effect) (fix: start the comment in the first column: libkmod"
            + " only takes '#' there)",
        "x.conf:4:1: error RF-FAB-050: libkmod: x.conf line 4: ignoring bad line starting with"
            + " 'option' (the line has no effect) (fix: use one of options, alias, blacklist,"
            + " install, remove, softdep)",
        "x.conf:5:1: error RF-FAB-050: libkmod: x.conf line 5: ignoring bad line starting with"
            + " 'options' (the line has no effect) (fix: write `options <module> name=value ...`)",
        "x.conf:6:1: error RF-FAB-050: libkmod: x.conf line 6: ignoring bad line starting with"
            + " 'options' (the line has no effect) (fix: write `options <module> name=value ...`)",
        "x.conf:7:1: error RF-FAB-050: libkmod: x.conf: command include is deprecated and not"
            + " parsed anymore (fix: copy the included settings into a modprobe.d/*.conf file)");
    ModprobeCommand joined = c.options().get(0);
    assertThat(joined.module()).isEqualTo("mlx4_ib");
    assertThat(joined.rest()).isEqualTo("sm_guid_assign=0   foo=1");
    assertThat(joined.options().get(1).where().toString()).isEqualTo("x.conf:2:3");
  }

  @Test
  void parse_twoBlanksAfterModule_keptWithNoOptions() {
    // strtok_r(NULL, "\0") returns " " here: libkmod keeps the line
    assertThat(ModprobeConfParser.parse("x.conf", "options mlx5_core  \n").findings()).isEmpty();
  }

  @Test
  void underscores_bracketsKeptAndUnmatchedRejected() {
    assertThat(ModprobeConfParser.underscores("mlx4-core")).isEqualTo("mlx4_core");
    assertThat(ModprobeConfParser.underscores("pci:v[0-9]-x")).isEqualTo("pci:v[0-9]_x");
    assertThat(ModprobeConfParser.underscores("a]b")).isNull();
    assertThat(ModprobeConfParser.underscores("a[b")).isNull();
  }
}
