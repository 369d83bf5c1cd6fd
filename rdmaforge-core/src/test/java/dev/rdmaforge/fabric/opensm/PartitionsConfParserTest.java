package dev.rdmaforge.fabric.opensm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.report.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PartitionsConfParserTest {
  private static final String DEFAULT =
      "management=0x7fff,ipoib, sl=0, defmember=full : ALL, ALL_SWITCHES=full,SELF=full;\n";

  private static PartitionsConf parse(String text) {
    return PartitionsConfParser.parse("p.conf", text);
  }

  private static List<String> rules(PartitionsConf c) {
    return c.findings().stream().map(Finding::rule).toList();
  }

  @Test
  @DisplayName("seed 004's partitions.conf: Default plus vlan1..vlan10, nothing to report")
  void parse_seedFile_isClean() {
    StringBuilder b = new StringBuilder(DEFAULT);
    for (int i = 1; i <= 10; i++) {
      b.append("\nvlan").append(i).append("=0x").append(Integer.toHexString(i))
          .append(", ipoib, sl=0, defmember=full : ALL_CAS;\n");
    }
    PartitionsConf c = parse(b.toString());
    assertThat(c.findings()).isEmpty();
    assertThat(c.partitions()).hasSize(11);
    assertThat(c.byPkey(10).orElseThrow().members().get(0).membership()).isEqualTo(Membership.FULL);
  }

  @Test
  @DisplayName("defmembr=full is ignored by OpenSM: members silently stay limited")
  void parse_defmemberTypo_isUnknownFlag() {
    PartitionsConf c = parse(DEFAULT + "vlan1=0x1, ipoib, defmembr=full : ALL_CAS;\n");
    assertThat(c.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("RF-FAB-005");
      assertThat(f.location().toString()).isEqualTo("p.conf:2:19");
    });
    assertThat(c.byPkey(1).orElseThrow().members().get(0).membership())
        .isEqualTo(Membership.LIMITED);
  }

  @Test
  @DisplayName("def=f and ip are accepted by prefix; they work but are flagged")
  void parse_abbreviations_areFlagged() {
    PartitionsConf c = parse(DEFAULT + "vlan1=0x1, ip, def=f : ALL_C;\n");
    assertThat(rules(c)).containsOnly("RF-FAB-004").hasSize(4);
    assertThat(c.byPkey(1).orElseThrow().members().get(0).selector()).isEqualTo("ALL_CAS");
  }

  @Test
  @DisplayName("0x10001 is silently PKey 0x0001 and merges with vlan1")
  void parse_pkeyOver16Bits_truncatesAndMerges() {
    PartitionsConf c = parse(DEFAULT + "vlan1=0x1 : ALL_CAS;\nbig=0x10001 : ALL_CAS;\n");
    assertThat(rules(c)).containsExactly("RF-FAB-007", "RF-FAB-008");
    assertThat(c.partitions()).hasSize(2);
  }

  @Test
  @DisplayName("0x8005 is PKey 0x0005: the membership bit is cleared")
  void parse_membershipBit_isCleared() {
    PartitionsConf c = parse(DEFAULT + "v5=0x8005 : ALL_CAS;\n");
    assertThat(rules(c)).containsExactly("RF-FAB-007");
    assertThat(c.byPkey(5)).isPresent();
  }

  @Test
  @DisplayName("ports after mgid= on the same line are read as group flags and lost")
  void parse_mgidSwallowsPorts() {
    PartitionsConf c = parse(DEFAULT + "v1=0x1, ipoib : mgid=ff12::1,sl=0, ALL_CAS=full;\n");
    assertThat(rules(c)).containsExactly("RF-FAB-009");
    assertThat(c.byPkey(1).orElseThrow().members()).isEmpty();
  }

  @Test
  @DisplayName("a statement without ':' is fatal: OpenSM discards the whole file")
  void parse_missingColon_discardsFile() {
    PartitionsConf c = parse(DEFAULT + "vlan1=0x1, ipoib ALL_CAS;\n");
    assertThat(c.discarded()).isTrue();
    assertThat(c.findings().get(0).toString())
        .startsWith("p.conf:2:1: error RF-FAB-001: PARSE ERROR: line 2: no partition definition");
  }

  @Test
  @DisplayName("'all' is not ALL (case matters) and becomes a bad PortGUID")
  void parse_lowercaseAll_isBadGuid() {
    PartitionsConf c = parse(DEFAULT + "vlan1=0x1 : all;\n");
    assertThat(c.discarded()).isTrue();
    assertThat(c.findings().get(0).message()).contains("bad PortGUID 'all'");
  }

  @Test
  @DisplayName("Windows line endings: the CR after ';' is a statement without ':'")
  void parse_crlf_isFatal() {
    PartitionsConf c = parse(DEFAULT.replace("\n", "\r\n"));
    assertThat(c.discarded()).isTrue();
    assertThat(c.findings().get(0).fix()).contains("dos2unix");
  }

  @Test
  @DisplayName("a 4,614-character GUID list is split by OpenSM's buffer")
  void parse_longLine_isFlagged() {
    StringBuilder b = new StringBuilder(DEFAULT + "v1=0x1 : ");
    for (int i = 1; i <= 240; i++) {
      b.append(String.format("0x%016x, ", 0x0002c90300000000L + i));
    }
    b.append("SELF;\n");
    PartitionsConf c = parse(b.toString());
    assertThat(rules(c)).contains("RF-FAB-003");
    assertThat(c.discarded()).isTrue();
  }

  @Test
  @DisplayName("an empty file is discarded: every port full in Default, no tenant partitions")
  void parse_commentsOnly_isEmpty() {
    PartitionsConf c = parse("# nothing\n\n");
    assertThat(c.discarded()).isTrue();
    assertThat(rules(c)).containsExactly("RF-FAB-002");
  }

  @Test
  @DisplayName("ports listed one per line, without commas, belong to the statement")
  void parse_multiLineStatement_collectsPorts() {
    PartitionsConf c = parse(DEFAULT + "v1=0x1, defmember=full :\n  0x0002c90300003001\n"
        + "  0x0002c90300004001=limited\n;\n");
    assertThat(c.findings()).isEmpty();
    assertThat(c.byPkey(1).orElseThrow().members()).extracting(PortMember::membership)
        .containsExactly(Membership.FULL, Membership.LIMITED);
  }

  @Test
  @DisplayName("mtu=9 makes the IPoIB broadcast group unrealisable (ERR 1B26)")
  void parse_unrealisableMtu_isFlagged() {
    PartitionsConf c = parse(DEFAULT + "v1=0x1, ipoib, mtu=9 : ALL_CAS;\n");
    assertThat(rules(c)).containsExactly("RF-FAB-006");
  }

  @Test
  @DisplayName("no Default statement and no final ';' are flagged, the file still loads")
  void parse_noDefaultNoSemicolon_warns() {
    PartitionsConf c = parse("v1=0x1 : ALL_CAS");
    assertThat(c.discarded()).isFalse();
    assertThat(rules(c)).containsExactlyInAnyOrder("RF-FAB-017", "RF-FAB-011");
  }
}
