package dev.rdmaforge.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * modprobe.d lines as kmod 30 reads them. Each expected rendering and message is what Debian 12's
 * {@code modprobe -c -C FILE} printed for the same text.
 */
class ModprobeConfigParserTest {
  private static final String FILE = "/etc/modprobe.d/test.conf";

  private static ModprobeConfig parse(String text) {
    return ModprobeConfigParser.parse(FILE, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String lines(ModprobeConfig config) {
    StringBuilder out = new StringBuilder();
    config.messages().forEach(m -> out.append(m.line()));
    return out.toString();
  }

  @Test
  @DisplayName(
      "MLNX OFED style file: names normalised, options kept verbatim, groups in kmod order")
  void parse_ofedStyleFile_rendersLikeModprobeC() {
    ModprobeConfig c =
        parse(
            "alias foo-bar baz-qux\n"
                + "options mlx5-core prof_sel=2\tlog_num_mgm_entry_size=-1 \n"
                + "install ib-ipoib /sbin/modprobe --ignore-install ib_ipoib $CMDLINE_OPTS\n"
                + "remove rm-me /bin/false\n"
                + "blacklist bl-1 extra words\n"
                + "softdep mlx5_ib pre: mlx5-core post: ib_ipoib\n");
    assertThat(ShowConfig.renderConfiguration(c))
        .isEqualTo(
            "blacklist bl_1\n"
                + "install ib_ipoib /sbin/modprobe --ignore-install ib_ipoib $CMDLINE_OPTS\n"
                + "remove rm_me /bin/false\n"
                + "alias foo_bar baz_qux\n"
                + "options mlx5_core prof_sel=2 log_num_mgm_entry_size=-1 \n"
                + "softdep mlx5_ib pre: mlx5-corepost: ib_ipoib\n");
    assertThat(c.softdeps().get(0).pre()).containsExactly("mlx5-core");
    assertThat(c.softdeps().get(0).post()).containsExactly("ib_ipoib");
    assertThat(c.aliases().get(0).origin()).hasToString(FILE + ":1");
    assertThat(c.messages()).isEmpty();
  }

  @Test
  @DisplayName("Softdep quirks: one space too many loses the line, interleaved lists print a span")
  void parse_softdepQuirks() {
    ModprobeConfig c =
        parse(
            "softdep s1 pre: a b post: c d\n"
                + "softdep s2  pre: a\n"
                + "softdep s2b   pre: a\n"
                + "softdep s3 post: c pre: a post: d pre: b\n"
                + "softdep s4 foo\n"
                + "softdep s5 pre:b\n"
                + "softdep s6 post: pre: x\n");
    assertThat(ShowConfig.renderConfiguration(c))
        .isEqualTo(
            "softdep s1 pre: a bpost: c d\n"
                + "softdep s2 \n"
                + "softdep s2b pre: a\n"
                + "softdep s3 pre: a d bpost: c a d\n"
                + "softdep s4 \n"
                + "softdep s5 \n"
                + "softdep s6 pre: x\n");
    assertThat(c.softdeps().get(1).pre()).isEmpty();
    assertThat(c.softdeps().get(3).pre()).containsExactly("a", "b");
    assertThat(c.softdeps().get(3).post()).containsExactly("c", "d");
  }

  @Test
  @DisplayName("Bad lines: kmod's libkmod messages with file, physical line and first word")
  void parse_badLines_reportedLikeKmod() {
    ModprobeConfig c =
        parse(
            "bogus line\n"
                + "options x\n"
                + "options y \n"
                + "include /etc/other.conf\n"
                + "alias a]b c\n"
                + "alias\n"
                + "   # indented comment\n"
                + "blacklist b]\n"
                + "foo\\\nbar\n");
    assertThat(lines(c))
        .isEqualTo(
            err(712, "line 1: ignoring bad line starting with 'bogus'")
                + err(712, "line 2: ignoring bad line starting with 'options'")
                + err(712, "line 3: ignoring bad line starting with 'options'")
                + "libkmod: ERROR ../libkmod/libkmod-config.c:708 kmod_config_parse: "
                + FILE
                + ": command include is deprecated and not parsed anymore\n"
                + err(712, "line 5: ignoring bad line starting with 'alias'")
                + err(712, "line 6: ignoring bad line starting with 'alias'")
                + err(712, "line 7: ignoring bad line starting with '#'")
                + err(712, "line 8: ignoring bad line starting with 'blacklist'")
                + err(712, "line 10: ignoring bad line starting with 'foobar'"));
    assertThat(ShowConfig.renderConfiguration(c)).isEmpty();
  }

  private static String err(int sourceLine, String text) {
    return "libkmod: ERROR ../libkmod/libkmod-config.c:"
        + sourceLine
        + " kmod_config_parse: "
        + FILE
        + " "
        + text
        + "\n";
  }

  @Test
  @DisplayName("Spacing after the name is kept: two spaces make ' x', tabs become spaces")
  void parse_restOfLine_keepsSpacing() {
    ModprobeConfig c =
        parse(
            "alias  two-spaces  x-y\n"
                + "options z  \n"
                + "options zz\t\tq=1\t\n"
                + "install i-*  echo hi\\\n there\n");
    assertThat(ShowConfig.renderConfiguration(c))
        .isEqualTo(
            "install i_*  echo hi there\n"
                + "alias two_spaces x_y\n"
                + "options z  \n"
                + "options zz  q=1 \n");
    assertThat(c.installCommands().get(0).origin().line()).isEqualTo(5);
  }

  @Test
  @DisplayName("Brackets survive normalisation: alias a[-]b c-d keeps the dash inside []")
  void parse_bracketsInNames() {
    ModprobeConfig c = parse("alias a[-]b c-d\nalias a[b c\n");
    assertThat(c.aliases())
        .containsExactly(new AliasEntry("a[-]b", "c_d", c.aliases().get(0).origin()));
    assertThat(c.messages()).hasSize(1);
  }

  @Test
  @DisplayName("A NUL byte ends the line; a backslash at the end of the file becomes byte 0xff")
  void parse_nulAndTrailingBackslash() {
    ModprobeConfig c = parse("options late x\0y=1\nx\\");
    assertThat(c.options()).extracting(OptionsEntry::options).containsExactly("x");
    assertThat(lines(c)).isEqualTo(err(712, "line 2: ignoring bad line starting with 'x\u00ff'"));
  }

  @Test
  @DisplayName("Install commands: $CMDLINE_OPTS is replaced by the options when the command runs")
  void commandEntry_expandsCmdlineOpts() {
    CommandEntry c =
        parse("install ib_ipoib /sbin/modprobe --ignore-install ib_ipoib $CMDLINE_OPTS\n")
            .installCommands()
            .get(0);
    assertThat(c.expanded("recv_queue_size=512"))
        .isEqualTo("/sbin/modprobe --ignore-install ib_ipoib recv_queue_size=512");
  }
}
