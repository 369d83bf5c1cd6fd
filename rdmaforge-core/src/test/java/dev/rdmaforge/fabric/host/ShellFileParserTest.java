package dev.rdmaforge.fabric.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What /bin/sh keeps when grub-mkconfig, ifup or openibd source these files. */
class ShellFileParserTest {

  @Test
  void parse_quotedAndExpanded_asTheShellSetsThem() {
    ShellFile f = ShellFileParser.parse("grub", "GRUB_CMDLINE_LINUX='quiet'\n"
        + "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX intel_iommu=on\" # VT-d\n"
        + "export X=${GRUB_CMDLINE_LINUX}\\ iommu=pt; Y=a\"b c\"d\n");
    assertThat(f.notes()).isEmpty();
    assertThat(f.get("GRUB_CMDLINE_LINUX").orElseThrow().value()).isEqualTo("quiet intel_iommu=on");
    assertThat(f.get("X").orElseThrow().value()).isEqualTo("quiet intel_iommu=on iommu=pt");
    assertThat(f.get("Y").orElseThrow().value()).isEqualTo("ab cd");
    assertThat(f.get("GRUB_CMDLINE_LINUX").orElseThrow().valueAt().toString()).isEqualTo("grub:2:20");
  }

  @Test
  void parse_unquotedBlank_secondWordIsAnotherAssignment() {
    // GRUB_CMDLINE_LINUX=intel_iommu=on iommu=pt sets two variables
    ShellFile f = ShellFileParser.parse("grub", "GRUB_CMDLINE_LINUX=intel_iommu=on iommu=pt\n");
    assertThat(f.variables()).containsOnlyKeys("GRUB_CMDLINE_LINUX", "iommu");
    assertThat(f.get("GRUB_CMDLINE_LINUX").orElseThrow().value()).isEqualTo("intel_iommu=on");
  }

  @Test
  void parse_unquotedBlankBeforeAWord_assignmentOnlyForThatCommand() {
    ShellFile f = ShellFileParser.parse("grub", "GRUB_CMDLINE_LINUX=intel_iommu=on quiet\n");
    assertThat(f.variables()).isEmpty();
    assertThat(f.assignments()).singleElement().satisfies(a -> assertThat(a.kept()).isFalse());
    assertThat(f.notes()).singleElement().satisfies(n -> {
      assertThat(n.word()).isEqualTo("quiet");
      assertThat(n.command()).isTrue();
    });
  }

  @Test
  void parse_inheritedVariables_fromEarlierFiles() {
    ShellFile f = ShellFileParser.parse("50.cfg", "GRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX b\"\n",
        Map.of("GRUB_CMDLINE_LINUX", "a"));
    assertThat(f.get("GRUB_CMDLINE_LINUX").orElseThrow().value()).isEqualTo("a b");
  }

  @Test
  void parse_commandSubstitution_notedAsNotEvaluated() {
    // Debian's own /etc/default/grub has this line: no command is run outside the backticks
    ShellFile f = ShellFileParser.parse("grub",
        "GRUB_DISTRIBUTOR=`lsb_release -i -s 2> /dev/null || echo Debian`\nX=$(a (b) c) Y=1\n");
    assertThat(f.notes()).extracting(ShellFile.Note::command).containsOnly(false);
    assertThat(f.variables()).containsOnlyKeys("GRUB_DISTRIBUTOR", "X", "Y");
  }
}
