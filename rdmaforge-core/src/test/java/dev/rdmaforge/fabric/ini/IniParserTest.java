package dev.rdmaforge.fabric.ini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IniParserTest {

  @Test
  @DisplayName("seed 004's eswitchd.conf: quotes stripped, [DAEMON] is group 'daemon'")
  void parse_quotedValue_isUnquotedAndSectionLowercased() {
    IniFile f = IniParser.parse("e.conf", "[DAEMON]\nfabrics = 'ibhostnet:ib0'\n");
    assertThat(f.get("DAEMON", "fabrics").orElseThrow().value()).isEqualTo("ibhostnet:ib0");
    assertThat(f.get("daemon", "fabrics").orElseThrow().valueAt().toString()).isEqualTo("e.conf:2:11");
  }

  @Test
  @DisplayName("an indented line continues the value (ini4j and commons-configuration get this wrong)")
  void parse_continuationLine_joinsValue() {
    IniFile f = IniParser.parse("n.conf", "[pci]\nalias = { \"name\": \"a1\",\n  \"vendor_id\": \"15b3\" }\n");
    assertThat(f.get("pci", "alias").orElseThrow().value())
        .isEqualTo("{ \"name\": \"a1\",\n\"vendor_id\": \"15b3\" }");
    assertThat(f.entries()).hasSize(1);
  }

  @Test
  @DisplayName("key:value is an assignment too; the first of '=' and ':' splits")
  void parse_colonAssignment_splitsAtFirst() {
    IniFile f = IniParser.parse("m.ini", "[ml2_type_vlan]\nnetwork_vlan_ranges: ib:1:10\n");
    assertThat(f.get("ml2_type_vlan", "network_vlan_ranges").orElseThrow().value()).isEqualTo("ib:1:10");
  }

  @Test
  @DisplayName("oslo refuses an assignment before any section and a header without ']'")
  void parse_errors_havePositions() {
    IniFile f = IniParser.parse("x.ini", "debug = True\n[ml2\n");
    assertThat(f.findings()).extracting(x -> x.location().toString())
        .containsExactly("x.ini:1:1", "x.ini:2:4");
    assertThat(f.findings()).extracting(x -> x.rule()).containsOnly("RF-FAB-041");
  }

  @Test
  @DisplayName("a repeated key: oslo uses the last value")
  void get_repeatedKey_lastWins() {
    IniFile f = IniParser.parse("x.ini", "[agent]\npolling_interval = 2\npolling_interval = 5\n");
    assertThat(f.get("agent", "polling_interval").orElseThrow().value()).isEqualTo("5");
  }
}
