package dev.rdmaforge.fabric.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.fabric.Examples;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.opensm.Membership;
import dev.rdmaforge.fabric.opensm.PartitionsConf;
import dev.rdmaforge.fabric.opensm.PartitionsConfParser;
import dev.rdmaforge.fabric.opensm.PortMember;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PartitionsConfRendererTest {

  @Test
  @DisplayName("the rendered file reads back clean, one full-member partition per segment id")
  void text_modernExample_parsesCleanWithAllSegments() {
    FabricDescription d = Examples.modern();
    PartitionsConf c = PartitionsConfParser.parse("p", PartitionsConfRenderer.text(d), 64);
    assertThat(c.findings()).isEmpty();
    for (int id = 1; id <= 10; id++) {
      assertThat(c.byPkey(id).orElseThrow().members())
          .extracting(PortMember::guid)
          .containsExactly(0x0002c90300002001L, 0x0002c90300003001L, 0x0002c90300004001L);
      assertThat(c.byPkey(id).orElseThrow().members())
          .extracting(PortMember::membership).containsOnly(Membership.FULL);
    }
  }

  @Test
  @DisplayName("without GUIDs the article's form is used: ALL_CAS, defmember=full")
  void text_noGuids_usesAllCas() {
    String text = PartitionsConfRenderer.text(Examples.icehouse());
    assertThat(text).contains("vlan1=0x0001, ipoib, sl=0, defmember=full : ALL_CAS;\n")
        .contains("management=0x7fff, ipoib, sl=0, defmember=full : ALL, ALL_SWITCHES=full, SELF=full;");
  }
}
