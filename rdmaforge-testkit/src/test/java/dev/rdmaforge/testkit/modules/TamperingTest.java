package dev.rdmaforge.testkit.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TamperingTest {

  /** A section of the synthetic module: name and contents. */
  private record Section(String name, byte[] data) {}

  private static final byte[] BUILD_ID_NOTE = note();
  private static final byte[] COMMENT =
      "\0GCC: (Debian 12.2.0-14) 12.2.0\0".getBytes(StandardCharsets.US_ASCII);

  @Test
  @DisplayName("a signed module (sign-file layout): the last byte of the GNU build ID is flipped")
  void flipOneByte_signedModuleWithBuildId_flipsBuildIdOnly() {
    byte[] elf =
        elf(
            List.of(
                new Section(".note.gnu.build-id", BUILD_ID_NOTE),
                new Section(".comment", COMMENT)));
    byte[] signed = signed(elf, 300);
    byte[] before = signed.clone();

    int offset = Tampering.flipOneByte(signed);

    assertThat(offset).isEqualTo(64 + BUILD_ID_NOTE.length - 1);
    assertThat(signed[offset]).isEqualTo((byte) (before[offset] ^ 1));
    signed[offset] = before[offset];
    assertThat(signed).as("nothing else changed, the signature is kept").isEqualTo(before);
  }

  @Test
  @DisplayName("a module without a build ID note: a byte of the .comment text is flipped")
  void flipOneByte_noBuildId_flipsComment() {
    byte[] signed = signed(elf(List.of(new Section(".comment", COMMENT))), 40);

    int offset = Tampering.flipOneByte(signed);

    assertThat(offset).isEqualTo(64 + 1);
    assertThat((char) signed[offset]).isEqualTo('F');
  }

  @Test
  @DisplayName("an unsigned module cannot be tampered with in this sense: refused")
  void flipOneByte_unsigned_refused() {
    byte[] elf = elf(List.of(new Section(".note.gnu.build-id", BUILD_ID_NOTE)));

    assertThatThrownBy(() -> Tampering.flipOneByte(elf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not signed");
  }

  @Test
  @DisplayName("the signature trailer: ELF length = file - 28 - 12 - sig_len")
  void appendedSignature_signLayout_elfLength() {
    byte[] elf = elf(List.of(new Section(".comment", COMMENT)));
    byte[] signed = signed(elf, 404);

    AppendedSignature signature = AppendedSignature.of(signed).orElseThrow();

    assertThat(signature.elfLength()).isEqualTo(elf.length);
    assertThat(signature.signatureLength()).isEqualTo(404);
    assertThat(AppendedSignature.of(elf)).isEmpty();
  }

  @Test
  @DisplayName("a section lookup on something that is not ELF64 fails clearly")
  void elfSections_notElf_refused() {
    byte[] junk = new byte[100];

    assertThatThrownBy(() -> ElfSections.find(junk, junk.length, ".comment"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ELF64");
  }

  /** A GNU build ID note: namesz 4, descsz 20, type 3, "GNU\0", 20 bytes of ID. */
  private static byte[] note() {
    ByteBuffer note = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
    note.putInt(4).putInt(20).putInt(3).put("GNU\0".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 20; i++) {
      note.put((byte) (0xA0 + i));
    }
    return note.array();
  }

  /** A minimal little-endian ELF64 relocatable: header, section data, shstrtab, headers. */
  private static byte[] elf(List<Section> sections) {
    List<Section> all = new ArrayList<>(sections);
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    names.write(0);
    List<Integer> nameOffsets = new ArrayList<>();
    for (Section section : all) {
      nameOffsets.add(names.size());
      names.writeBytes((section.name() + "\0").getBytes(StandardCharsets.US_ASCII));
    }
    nameOffsets.add(names.size());
    names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.US_ASCII));
    all.add(new Section(".shstrtab", names.toByteArray()));

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[64]);
    List<Integer> offsets = new ArrayList<>();
    for (Section section : all) {
      offsets.add(body.size());
      body.writeBytes(section.data());
    }
    while (body.size() % 8 != 0) {
      body.write(0);
    }
    int shoff = body.size();
    int shnum = all.size() + 1;
    ByteBuffer headers = ByteBuffer.allocate(64 * shnum).order(ByteOrder.LITTLE_ENDIAN);
    headers.put(new byte[64]);
    for (int i = 0; i < all.size(); i++) {
      int start = headers.position();
      headers.putInt(nameOffsets.get(i)).putInt(all.get(i).name().startsWith(".note") ? 7 : 1);
      headers.putLong(0).putLong(0).putLong(offsets.get(i)).putLong(all.get(i).data().length);
      headers.position(start + 64);
    }
    body.writeBytes(headers.array());
    byte[] elf = body.toByteArray();
    ByteBuffer header = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    header.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    header.putShort(0x10, (short) 1).putShort(0x12, (short) 62).putInt(0x14, 1);
    header.putLong(0x28, shoff).putShort(0x34, (short) 64).putShort(0x3A, (short) 64);
    header.putShort(0x3C, (short) shnum).putShort(0x3E, (short) all.size());
    return elf;
  }

  /** {@code elf} with a fake PKCS#7 blob, the module_signature structure and the marker. */
  private static byte[] signed(byte[] elf, int sigLen) {
    byte[] signature = new byte[sigLen];
    Arrays.fill(signature, (byte) 0x30);
    ByteBuffer info = ByteBuffer.allocate(12);
    info.put(new byte[] {0, 0, 2, 0, 0, 0, 0, 0}).putInt(sigLen);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(elf);
    out.writeBytes(signature);
    out.writeBytes(info.array());
    out.writeBytes(AppendedSignature.MARKER);
    return out.toByteArray();
  }
}
