package dev.rdmaforge.depmod.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmodIndexReaderTest {

  private static KmodIndexFormatException parseError(String hex) {
    try {
      KmodIndexReader.parse(Hex.bytes(hex), "modules.alias.bin");
    } catch (KmodIndexFormatException e) {
      return e;
    }
    throw new AssertionError("expected a format error for " + hex);
  }

  @Test
  @DisplayName("explain reads modules.alias.bin: every key, values in file order")
  void parse_writtenIndex_allEntriesInKeyOrder() {
    KmodIndex index = new KmodIndex();
    index.insert("usb:v1234p*", "b", 2);
    index.insert("usb:v*", "a", 1);
    index.insert("pci:v00008086d*", "e1000e", 0);
    index.insert("usb:v1234p*", "c", 1);

    KmodIndexReader reader = KmodIndexReader.parse(index.toBytes(), "modules.alias.bin");

    assertThat(reader.entries())
        .containsExactly(
            Map.entry("pci:v00008086d*", List.of(new IndexValue("e1000e", 0))),
            Map.entry("usb:v*", List.of(new IndexValue("a", 1))),
            Map.entry("usb:v1234p*", List.of(new IndexValue("c", 1), new IndexValue("b", 2))));
    assertThat(reader.lookup("usb:v*")).contains(List.of(new IndexValue("a", 1)));
    assertThat(reader.lookup("usb:v")).isEmpty();
    assertThat(reader.keyCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("the 12-byte file depmod writes for a kernel with no modules has no keys")
  void parse_emptyIndex_noEntries() {
    assertThat(KmodIndexReader.parse(new KmodIndex().toBytes(), "x").entries()).isEmpty();
  }

  @Test
  void read_file_parsesIt(@TempDir Path dir) throws IOException {
    KmodIndex index = new KmodIndex();
    index.insert("ib_core", "kernel/drivers/infiniband/core/ib_core.ko:", 0);
    Path file = dir.resolve("modules.dep.bin");
    Files.write(file, index.toBytes());
    assertThat(KmodIndexReader.read(file).lookup("ib_core")).isPresent();
  }

  @Test
  void read_missingFile_userInputErrorNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> KmodIndexReader.read(dir.resolve("modules.dep.bin")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("modules.dep.bin");
  }

  @Test
  @DisplayName("the zero-byte modules.builtin.bin depmod leaves when modules.builtin is missing")
  void parse_zeroBytes_rejectedAtOffset0() {
    KmodIndexFormatException e = parseError("");
    assertThat(e.byteOffset()).isZero();
    assertThat(e).hasMessageStartingWith("modules.alias.bin: byte offset 0: the file is 0 bytes");
  }

  @Test
  @DisplayName("a text modules.alias passed where the .bin is expected")
  void parse_wrongMagic_rejectedAtOffset0() {
    assertThat(parseError("23204161 6c696173 65732065").getMessage())
        .contains("byte offset 0: magic is 0x23204161, expected 0xb007f457")
        .contains("regenerate it with depmod");
    assertThat(parseError("b007fa57 00020001 0000000c")).hasMessageContaining("module-init-tools");
  }

  @Test
  void parse_unknownMajorVersion_rejectedAtOffset4() {
    assertThat(parseError("b007f457 00030001 0000000c"))
        .hasMessageContaining("byte offset 4: version is 0x00030001");
  }

  @Test
  void parse_rootOutsideFile_rejectedAtOffset8() {
    assertThat(parseError("b007f457 00020001 20000100"))
        .hasMessageContaining("byte offset 8: node offset 256 points outside the file (12 bytes)");
  }

  @Test
  @DisplayName("a file truncated in the middle of a prefix (disk full while depmod wrote)")
  void parse_unterminatedPrefix_rejectedWhereThePrefixStarts() {
    assertThat(parseError("b007f457 00020001 8000000c 616263"))
        .hasMessageContaining("byte offset 12: prefix of the node at byte offset 12 runs to the end");
  }

  @Test
  void parse_truncatedChildTable_rejected() {
    assertThat(parseError("b007f457 00020001 2000000c 6162 0000"))
        .hasMessageContaining("byte offset 14: child offsets of the node at byte offset 12 runs past");
  }

  @Test
  void parse_descendingChildRange_rejected() {
    assertThat(parseError("b007f457 00020001 2000000c 6261 00000000 00000000"))
        .hasMessageContaining("byte offset 12: child range 98..97");
  }

  @Test
  void parse_valueCountLargerThanFile_rejected() {
    assertThat(parseError("b007f457 00020001 4000000c 7fffffff 00000000 00"))
        .hasMessageContaining("byte offset 12: value count 2147483647 does not fit");
  }

  @Test
  void parse_nodeReferencingItself_rejectedNotLooping() {
    assertThat(parseError("b007f457 00020001 2000000c 6161 2000000c"))
        .hasMessageContaining("byte offset 14: node at byte offset 12 is reached twice");
  }

  @Test
  void parse_unknownFlag_rejected() {
    assertThat(parseError("b007f457 00020001 1000000c"))
        .hasMessageContaining("byte offset 8: node offset 0x1000000c has an unknown flag");
  }
}
