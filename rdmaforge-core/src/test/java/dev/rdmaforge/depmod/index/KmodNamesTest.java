package dev.rdmaforge.depmod.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KmodNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "of:N*T*Cfsl,imx-gpio|of:N*T*Cfsl,imx_gpio",
        "acpi*:PNP0A0[3-8]:*|acpi*:PNP0A0[3-8]:*",
        "pci:v-[a-b]-x|pci:v_[a-b]_x",
        "x[[-]-|x[[-]_",
        "plain|plain",
      })
  @DisplayName("dashes become underscores outside bracket expressions, as modprobe matches them")
  void normalizeAlias_dashes(String alias, String expected) {
    assertThat(KmodNames.normalizeAlias(alias)).contains(expected);
  }

  @Test
  @DisplayName("an alias with a stray ']' or an unclosed '[' is skipped with 'Unmatched bracket'")
  void normalizeAlias_unmatchedBracket_empty() {
    assertThat(KmodNames.normalizeAlias("usb:v]")).isEmpty();
    assertThat(KmodNames.normalizeAlias("usb:v[0-9")).isEmpty();
    assertThat(KmodNames.normalizeAlias("a[b]c]")).isEmpty();
  }

  @Test
  void normalizeAlias_longerThanPathMax_cutTo4095Bytes() {
    assertThat(KmodNames.normalizeAlias("a".repeat(5000)).orElseThrow()).hasSize(4095);
  }

  @Test
  void modnameFromPath_basenameUpToFirstDot_dashesToUnderscores() {
    assertThat(KmodNames.modnameFromPath("kernel/drivers/net/foo-bar.ko.xz")).contains("foo_bar");
    assertThat(KmodNames.modnameFromPath("no-slash")).contains("no_slash");
    assertThat(KmodNames.modnameFromPath("x/nodot\n")).contains("nodot\n");
    assertThat(KmodNames.modnameFromPath("kernel/dir/")).isEqualTo(Optional.empty());
    assertThat(KmodNames.modnameFromPath("kernel/.ko")).contains("");
  }
}
