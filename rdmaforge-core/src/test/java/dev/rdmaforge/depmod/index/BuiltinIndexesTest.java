package dev.rdmaforge.depmod.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.DepmodLog.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builtin indexes from in-memory inputs. Golden bytes marked "real depmod" were written by
 * kmod 30's depmod (Debian 12) for the same input; BuiltinIndexIT repeats such comparisons live.
 */
class BuiltinIndexesTest {
  private static final String EMPTY_INDEX = "b007f457000200010000000c";

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static KmodIndexReader read(BuiltinIndexOutput out) {
    return KmodIndexReader.parse(out.content().orElseThrow(), out.fileName());
  }

  @Test
  @DisplayName("two built-in modules, one with a dash in its file name (real depmod)")
  void modulesBuiltinBin_normal_matchesRealDepmod() {
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinBin(
            latin1("kernel/drivers/a/foo-bar.ko\nkernel/x/baz.ko\n"));
    assertThat(Hex.of(out.content().orElseThrow()))
        .isEqualTo(
            "b007f4570002000120000028617a000000000100000000006f6f5f62617200000000010000000000"
                + "6266c000000c000000000000000000000000c0000018");
    assertThat(out.messages()).isEmpty();
    assertThat(out.fileName()).isEqualTo("modules.builtin.bin");
  }

  @Test
  @DisplayName("aliases with a dash, a bracket range and a non-alias key (real depmod)")
  void modulesBuiltinAliasBin_normal_matchesRealDepmod() {
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinAliasBin(
            latin1(
                "foo_bar.alias=pci:v0000-1234d*\0foo_bar.license=GPL\0baz.alias=usb:v[0-9]*\0"));
    assertThat(Hex.of(out.content().orElseThrow()))
        .isEqualTo(
            "b007f457000200012000004363693a76303030305f31323334642a000000000100000000666f6f5f"
                + "6261720073623a765b302d395d2a00000000010000000062617a007075c000000c00000000"
                + "000000000000000000000000c000002c");
  }

  @Test
  @DisplayName("a UTF-8 module name and alias that never branch on a high byte (real depmod)")
  void modulesBuiltinAliasBin_highBytesInPrefixes_matchesRealDepmod() {
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinAliasBin(latin1("m\u00c3\u00a9.alias=x\u00c3\u00a9y\0zz.alias=abc\0"));
    assertThat(Hex.of(out.content().orElseThrow()))
        .isEqualTo(
            "b007f457000200012000002a62630000000001000000007a7a00c3a9790000000001000000006d"
                + "c3a9006178c000000c"
                + "00000000".repeat('x' - 'a' - 1)
                + "c000001a");
  }

  @Test
  @DisplayName("a line listed twice keeps two empty values; bad lines print depmod's ERROR")
  void modulesBuiltinBin_duplicatesAndInvalidLines() {
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinBin(
            latin1("kernel/a.ko\n/abs/b.ko\n\n9lives.ko\nkernel/a.ko\nnodot\r\nlast/c.ko"));
    assertThat(out.messages())
        .containsExactly(
            new DepmodMessage(Level.ERROR, "Invalid modules.builtin line: /abs/b.ko\n\n"),
            new DepmodMessage(Level.ERROR, "Invalid modules.builtin line: \n\n"),
            new DepmodMessage(Level.ERROR, "Invalid modules.builtin line: 9lives.ko\n\n"));
    assertThat(out.messages().get(0).stderrText())
        .isEqualTo("depmod: ERROR: Invalid modules.builtin line: /abs/b.ko\n\n");
    KmodIndexReader index = read(out);
    assertThat(index.entries().keySet()).containsExactly("a", "c", "nodot\r\n");
    assertThat(index.lookup("a")).contains(List.of(new IndexValue("", 0), new IndexValue("", 0)));
  }

  @Test
  @DisplayName("fgets reads a line longer than 4095 bytes as two pieces")
  void modulesBuiltinBin_longLine_splitIntoPieces() {
    String first = "kernel/" + "d".repeat(4095 - 7 - 4) + "/x.k";
    assertThat(first).hasSize(4095);
    BuiltinIndexOutput out = BuiltinIndexes.modulesBuiltinBin(latin1(first + "o\nzz/y.ko\n"));
    // The second piece "o\n" starts with a letter: its module name is "o\n".
    assertThat(read(out).entries().keySet()).containsExactly("o\n", "x", "y");
  }

  @Test
  @DisplayName("a piece ending in '/' reuses the previous module name, as depmod's buffer does")
  void modulesBuiltinBin_emptyBasename_reusesPreviousName() {
    BuiltinIndexOutput out = BuiltinIndexes.modulesBuiltinBin(latin1("kernel/x.ko\nabc/\0xx\n"));
    assertThat(read(out).lookup("x"))
        .contains(List.of(new IndexValue("", 0), new IndexValue("", 0)));
  }

  @Test
  @DisplayName("modinfo quirks: no '.', no '=', empty alias, bad bracket, unterminated last record")
  void modulesBuiltinAliasBin_malformedRecords() {
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinAliasBin(
            latin1(
                "nodot\0"
                    + "a.alias=one\0"
                    + "b.noequals\0"
                    + "swallowed.alias=lost\0"
                    + "c.alias=\0"
                    + "d.alias=bad]x\0"
                    + "e-x.alias=two-2\0"
                    + "f.alias=three"));
    assertThat(out.messages())
        .containsExactly(new DepmodMessage(Level.WARNING, "Unmatched bracket in bad]x\n"));
    assertThat(read(out).entries())
        .containsExactly(
            java.util.Map.entry("one", List.of(new IndexValue("a", 0))),
            java.util.Map.entry("two_2", List.of(new IndexValue("e-x", 0))));
  }

  @Test
  @DisplayName("one alias in two built-in modules: the later record comes first")
  void modulesBuiltinAliasBin_sharedAlias_lastInsertedFirst() {
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinAliasBin(latin1("a.alias=x\0b.alias=x\0a.alias=x\0"));
    assertThat(read(out).lookup("x"))
        .contains(
            List.of(new IndexValue("a", 0), new IndexValue("b", 0), new IndexValue("a", 0)));
  }

  @Test
  @DisplayName("a module name over 4095 bytes: depmod's 'Could not flush stream' warning")
  void modulesBuiltinAliasBin_overlongField_warnsAndKeeps4095Bytes() {
    String name = "n".repeat(4096);
    BuiltinIndexOutput out =
        BuiltinIndexes.modulesBuiltinAliasBin(latin1(name + ".alias=x\0"));
    assertThat(out.messages())
        .containsExactly(
            new DepmodMessage(
                Level.WARNING, "Could not flush stream: 28. Partial content: " + name + "\n"));
    assertThat(read(out).lookup("x")).contains(List.of(new IndexValue("n".repeat(4095), 0)));
  }

  @Test
  @DisplayName("a kernel package without modules.builtin.modinfo (pre-5.2): empty file, warning")
  void fromDirectory_missingInputs_zeroByteFilesAndWarnings(@TempDir Path dir) {
    BuiltinIndexOutput builtin = BuiltinIndexes.modulesBuiltinBin(dir, "/r/lib/modules/6.1.0-99");
    BuiltinIndexOutput alias = BuiltinIndexes.modulesBuiltinAliasBin(dir, "/r/lib/modules/6.1.0-99");
    assertThat(builtin.content()).hasValueSatisfying(b -> assertThat(b).isEmpty());
    assertThat(alias.content()).hasValueSatisfying(b -> assertThat(b).isEmpty());
    assertThat(builtin.messages())
        .containsExactly(
            new DepmodMessage(
                Level.WARNING,
                "could not open modules.builtin at /r/lib/modules/6.1.0-99: No such file or"
                    + " directory\n"));
    assertThat(alias.messages().get(0).text()).startsWith("could not open modules.builtin.modinfo");
    assertThat(alias.failed()).isFalse();
  }

  @Test
  @DisplayName("empty input files give an index with no keys")
  void fromDirectory_emptyInputs_headerOnly(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("modules.builtin"), new byte[0]);
    Files.write(dir.resolve("modules.builtin.modinfo"), new byte[0]);
    assertThat(Hex.of(BuiltinIndexes.modulesBuiltinBin(dir, "d").content().orElseThrow()))
        .isEqualTo(EMPTY_INDEX);
    BuiltinIndexOutput alias = BuiltinIndexes.modulesBuiltinAliasBin(dir, "d");
    assertThat(Hex.of(alias.content().orElseThrow())).isEqualTo(EMPTY_INDEX);
    assertThat(alias.messages()).isEmpty();
  }

  @Test
  @DisplayName("inputs that are directories: an empty index, and a failed modules.builtin.alias.bin")
  void fromDirectory_directoryInputs_readErrors(@TempDir Path dir) throws IOException {
    Files.createDirectory(dir.resolve("modules.builtin"));
    Files.createDirectory(dir.resolve("modules.builtin.modinfo"));
    assertThat(Hex.of(BuiltinIndexes.modulesBuiltinBin(dir, "d").content().orElseThrow()))
        .isEqualTo(EMPTY_INDEX);
    BuiltinIndexOutput alias = BuiltinIndexes.modulesBuiltinAliasBin(dir, "d");
    assertThat(alias.failed()).isTrue();
    assertThat(alias.messages())
        .containsExactly(
            new DepmodMessage(
                Level.ERROR, "Could not write index 'modules.builtin.alias.bin': Invalid argument\n"));
  }

  @Test
  @DisplayName("a built-in alias that would branch on a UTF-8 byte names the file and offset")
  void fromDirectory_keyBranchingOnHighByte_userInputError(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("modules.builtin.modinfo"), latin1("a.alias=x\u00e9\0b.alias=xa\0"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BuiltinIndexes.modulesBuiltinAliasBin(dir, "d"))
        .isInstanceOf(dev.rdmaforge.report.UserInputException.class)
        .hasMessageContaining("modules.builtin.modinfo: byte offset 11: index key 'xa'");
  }
}
