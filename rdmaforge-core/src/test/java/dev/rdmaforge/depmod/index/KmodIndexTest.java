package dev.rdmaforge.depmod.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes worked out by hand from kmod's format (header; nodes in post-order; offset = file
 * position | 0x80000000 prefix | 0x40000000 values | 0x20000000 children), and depmod's insert
 * semantics.
 */
class KmodIndexTest {
  private static final String HEADER = "b007f457 00020001";

  private static String hex(KmodIndex index) {
    return Hex.of(index.toBytes());
  }

  private static String golden(String hex) {
    return Hex.of(Hex.bytes(hex));
  }

  @Test
  @DisplayName("depmod on a kernel without any module writes a 12-byte modules.dep.bin")
  void toBytes_emptyIndex_isHeaderWithBareRoot() {
    // The root has no prefix, children or values: it occupies no bytes at position 12.
    assertThat(hex(new KmodIndex())).isEqualTo(golden(HEADER + "0000000c"));
  }

  @Test
  @DisplayName("a one-letter key: leaf without prefix, root with a one-entry child table")
  void toBytes_oneKey_leafThenRoot() {
    KmodIndex index = new KmodIndex();
    index.insert("a", "x", 0);
    assertThat(hex(index))
        .isEqualTo(
            golden(
                HEADER
                    + "20000016" // root: children, at 22
                    + "00000001 00000000 7800" // 12: leaf, 1 value, prio 0, "x"
                    + "61 61 4000000c")); // 22: 'a'..'a' -> values node at 12
  }

  @Test
  @DisplayName("a module name longer than one byte: the rest of the key is the leaf's prefix")
  void toBytes_oneLongKey_prefixCompressed() {
    KmodIndex index = new KmodIndex();
    index.insert("abc", "v", 7);
    assertThat(hex(index))
        .isEqualTo(
            golden(
                HEADER
                    + "20000019"
                    + "626300 00000001 00000007 7600" // 12: "bc", 1 value, prio 7, "v"
                    + "61 61 c000000c")); // 25
  }

  @Test
  @DisplayName("two aliases sharing a prefix split the first leaf into an inner node")
  void toBytes_twoKeysSharingPrefix_splitNode() {
    KmodIndex index = new KmodIndex();
    index.insert("ab", "1", 0);
    index.insert("ac", "2", 1);
    assertThat(hex(index))
        .isEqualTo(
            golden(
                HEADER
                    + "2000002a"
                    + "00000001 00000000 3100" // 12: leaf 'b'
                    + "00000001 00000001 3200" // 22: leaf 'c'
                    + "62 63 4000000c 40000016" // 32: inner node "a", children b..c
                    + "61 61 20000020")); // 42: root
  }

  @Test
  @DisplayName("a key that is a prefix of another (usb:v* vs usb:v1234*) carries values and children")
  void toBytes_keyIsPrefixOfAnother_nodeWithPrefixChildrenAndValues() {
    String expected =
        golden(
            HEADER
                + "20000031"
                + "6400 00000001 00000001 6c6f6e6700" // 12: "d", prio 1 "long"
                + "6200 63 63 c000000c 00000001 00000002 73686f727400" // 27: "b", child c, "short"
                + "61 61 e000001b"); // 49: root
    KmodIndex longFirst = new KmodIndex();
    longFirst.insert("abcd", "long", 1);
    longFirst.insert("ab", "short", 2);
    KmodIndex shortFirst = new KmodIndex();
    shortFirst.insert("ab", "short", 2);
    shortFirst.insert("abcd", "long", 1);
    assertThat(hex(longFirst)).isEqualTo(expected);
    assertThat(hex(shortFirst)).isEqualTo(expected);
  }

  @Test
  @DisplayName("keys 'a' and 'c': the child table spans a..c and 'b' has offset 0")
  void toBytes_gapInChildRange_zeroOffset() {
    KmodIndex index = new KmodIndex();
    index.insert("c", "", 0);
    index.insert("a", "", 0);
    assertThat(hex(index))
        .isEqualTo(
            golden(
                HEADER
                    + "2000001e"
                    + "00000001 00000000 00" // 12: 'a' (children are written in byte order)
                    + "00000001 00000000 00" // 21: 'c'
                    + "61 63 4000000c 00000000 40000015")); // 30
  }

  @Test
  @DisplayName("modules.builtin line '.ko': empty module name, the value sits on the root")
  void toBytes_emptyKey_valuesOnRoot() {
    KmodIndex index = new KmodIndex();
    index.insert("", "", 0);
    assertThat(hex(index)).isEqualTo(golden(HEADER + "4000000c 00000001 00000000 00"));
  }

  @Test
  @DisplayName("one alias in several modules: sorted by module index, the later insert first on ties")
  void insert_severalPriorities_ascendingAndNewestFirstAmongEqual() {
    KmodIndex index = new KmodIndex();
    index.insert("k", "v3", 3);
    index.insert("k", "v1", 1);
    index.insert("k", "v2", 2);
    index.insert("k", "w1", 1);
    index.insert("k", "last", -1); // 0xffffffff: unsigned, so it sorts after everything
    index.insert("k", "zero", 0);
    assertThat(KmodIndexReader.parse(index.toBytes(), "t").lookup("k"))
        .contains(
            List.of(
                new IndexValue("zero", 0),
                new IndexValue("w1", 1),
                new IndexValue("v1", 1),
                new IndexValue("v2", 2),
                new IndexValue("v3", 3),
                new IndexValue("last", -1)));
  }

  @Test
  @DisplayName("a module listing the same alias twice: depmod warns 'duplicate module alias' and keeps both")
  void insert_duplicateValue_returnsTrueAndKeepsBoth() {
    KmodIndex index = new KmodIndex();
    assertThat(index.insert("pci:v1*", "mod", 5)).isFalse();
    assertThat(index.insert("pci:v1*", "other", 5)).isFalse();
    assertThat(index.insert("pci:v1*", "mod", 5)).isTrue();
    assertThat(index.insert("pci:v2*", "mod", 5)).isFalse();
    assertThat(index.keyCount()).isEqualTo(2);
    assertThat(KmodIndexReader.parse(index.toBytes(), "t").lookup("pci:v1*"))
        .contains(
            List.of(
                new IndexValue("mod", 5), new IndexValue("other", 5), new IndexValue("mod", 5)));
  }

  @Test
  @DisplayName("a non-ASCII byte inside a prefix is fine, as for depmod (module 'café' built in)")
  void insert_highByteInsidePrefix_accepted() {
    KmodIndex index = new KmodIndex();
    index.insert("caf\u00c3\u00a9", "", 0);
    index.insert("zz", "", 0);
    // Bytes of kmod 30's depmod for modules.builtin "kernel/a/café.ko\nkernel/b/zz.ko\n".
    assertThat(hex(index))
        .isEqualTo(
            "b007f45700020001200000256166c3a9000000000100000000007a00000000010000000000637a"
                + "c000000c"
                + "00000000".repeat(0x7a - 0x63 - 1)
                + "c000001a");
  }

  @Test
  @DisplayName("two aliases that branch on a UTF-8 byte: depmod corrupts memory, we refuse")
  void insert_highByteAtBranch_rejectedAndIndexUnchanged() {
    KmodIndex index = new KmodIndex();
    index.insert("x\u00e9", "m", 0);
    byte[] before = index.toBytes();
    assertThatThrownBy(() -> index.insert("xa", "m", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("byte 0xe9 at position 1");
    assertThatThrownBy(() -> index.insert("\u0080", "m", 0))
        .hasMessageContaining("byte 0x80 at position 0");
    assertThatThrownBy(() -> index.insert("x\u00e9\u00ff", "m", 0))
        .hasMessageContaining("byte 0xff at position 2");
    assertThat(index.toBytes()).isEqualTo(before);
    assertThat(index.keyCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a value may hold any byte but NUL, as a module path in modules.dep.bin")
  void insert_valueWithHighBytes_accepted_nulOrWideCharRejected() {
    KmodIndex index = new KmodIndex();
    index.insert("m", "kernel/\u00ff\u0001.ko:", 0);
    assertThat(KmodIndexReader.parse(index.toBytes(), "t").lookup("m"))
        .contains(List.of(new IndexValue("kernel/\u00ff\u0001.ko:", 0)));
    assertThatThrownBy(() -> index.insert("a\0b", "v", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL at position 1");
    assertThatThrownBy(() -> index.insert("a", "\u20ac", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+20AC");
  }

  @Test
  void writeTo_writesTheSameBytesAsToBytes() throws IOException {
    KmodIndex index = new KmodIndex();
    index.insert("symbol:ib_register_device", "ib_core", 12);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(index.toBytes());
  }
}
