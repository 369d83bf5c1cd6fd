package dev.rdmaforge.fabric.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GLib's key-file grammar as NetworkManager loads *.nmconnection files. */
class KeyFileParserTest {

  @Test
  void parse_ipoibConnection_groupsKeysAndPositions() {
    KeyFile k = KeyFileParser.parse("ib0.nmconnection", "# c\n[connection]\nid=ib0\n"
        + "type = infiniband\n\n  [infiniband]\n  mtu= 65520\ntransport-mode=connected\n");
    assertThat(k.errors()).isEmpty();
    assertThat(k.get("connection", "type").orElseThrow().value()).isEqualTo("infiniband");
    assertThat(k.get("infiniband", "mtu").orElseThrow().where().toString())
        .isEqualTo("ib0.nmconnection:7:3");
    assertThat(k.get("infiniband", "mtu").orElseThrow().value()).isEqualTo("65520");
  }

  @Test
  void parse_keyBeforeGroupAndBareWord_refusedByGlib() {
    KeyFile k = KeyFileParser.parse("x.nmconnection", "id=ib0\n[connection]\nconnected\n");
    assertThat(k.errors()).extracting(KeyFile.Error::message).containsExactly(
        "Key file does not start with a group",
        "Key file contains line \u201cconnected\u201d which is not a key-value pair, group, or comment");
  }
}
