package dev.rdmaforge.kmod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files kmod rejects (or aborts on) are rejected with the byte offset, the problem and the advice;
 * files kmod accepts despite oddities are accepted. The expected outcomes were checked against
 * Debian's libkmod 30 on the same kinds of damage.
 */
class ModuleFormatErrorTest {
  private static final String NOT_A_MODULE =
      "the file is truncated or not a kernel module: reinstall or rebuild it";
  private static final String ABORTS =
      "kmod 30 aborts on this file, so depmod and modprobe stop: remove the file or rebuild it";

  @TempDir Path dir;

  private final ModuleReader reader = new ModuleReader();

  private static TestElf.Image module() {
    return TestElf.module().modinfoRaw("license=GPL\0").export("f", 3, false)
        .version(1, "module_layout").undefined("printk", TestElf.STB_GLOBAL).build();
  }

  private ModuleFormatException reject(byte[] bytes) throws IOException {
    Path file = dir.resolve("bad.ko");
    Files.write(file, bytes);
    try {
      reader.read(file);
    } catch (ModuleFormatException e) {
      assertThat(e.file()).isEqualTo(file);
      assertThat(e.getMessage()).startsWith(file + ": ");
      return e;
    }
    throw new AssertionError("expected the reader to reject the file");
  }

  private static void putShort(byte[] bytes, int offset, int value) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
  }

  private static void putLong(byte[] bytes, int offset, long value) {
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
  }

  @Test
  @DisplayName("a module cut short by a full disk: the section header table is missing")
  void read_truncatedFile_reportsEndOfSectionHeaderTable() throws IOException {
    TestElf.Image image = module();
    byte[] cut = Arrays.copyOf(image.bytes(), (int) image.sectionTableOffset() + 10);

    ModuleFormatException e = reject(cut);

    long tableEnd = image.sectionTableOffset() + 64L * image.sectionCount();
    assertThat(e.offset()).isEqualTo(tableEnd);
    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.getMessage()).isEqualTo(e.file() + ": byte " + tableEnd
        + ": section header table (" + image.sectionCount() + " entries at byte "
        + image.sectionTableOffset() + ") ends past the end of the file (size " + cut.length
        + "); " + NOT_A_MODULE);
  }

  @Test
  @DisplayName("a 4-byte placeholder file: kmod needs 6 bytes to look for a compression magic")
  void read_fileShorterThanSixBytes_einval() throws IOException {
    ModuleFormatException e = reject(new byte[] {0x7f, 'E', 'L', 'F'});

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.getMessage()).contains("only 4 bytes long");
  }

  @Test
  @DisplayName("a text file named .ko: no ELF magic, ENOEXEC")
  void read_textFile_enoexecAtByteZero() throws IOException {
    ModuleFormatException e = reject("#!/bin/sh\necho not a module\n".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII));

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.ENOEXEC);
    assertThat(e.offset()).isZero();
    assertThat(e.getMessage()).endsWith(": byte 0: no ELF magic: the file starts with 23 21 2f 62"
        + " instead of 7f 45 4c 46; " + NOT_A_MODULE);
  }

  @Test
  @DisplayName("an ELF ident alone (16 bytes) is too short: ENOEXEC")
  void read_identOnly_enoexec() throws IOException {
    ModuleFormatException e = reject(Arrays.copyOf(module().bytes(), 16));

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.ENOEXEC);
    assertThat(e.offset()).isEqualTo(16);
  }

  @Test
  @DisplayName("a 64-bit header cut at 64 bytes: libkmod wants more than the header")
  void read_headerOnly_einval() throws IOException {
    ModuleFormatException e = reject(Arrays.copyOf(module().bytes(), 64));

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.offset()).isEqualTo(64);
    assertThat(e.getMessage()).contains("ends inside the ELF header");
  }

  @Test
  @DisplayName("an unknown ELF class byte")
  void read_unknownClass_einvalAtByteFour() throws IOException {
    byte[] bytes = module().bytes();
    bytes[4] = 3;

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.offset()).isEqualTo(4);
    assertThat(e.getMessage()).contains("unknown ELF class 3");
  }

  @Test
  @DisplayName("an unknown data encoding byte")
  void read_unknownEncoding_einvalAtByteFive() throws IOException {
    byte[] bytes = module().bytes();
    bytes[5] = 0;

    ModuleFormatException e = reject(bytes);

    assertThat(e.offset()).isEqualTo(5);
    assertThat(e.getMessage()).contains("unknown ELF data encoding 0");
  }

  @Test
  @DisplayName("a section header entry size that is not sizeof(Elf64_Shdr)")
  void read_wrongSectionEntrySize_einvalAtField() throws IOException {
    byte[] bytes = module().bytes();
    putShort(bytes, 58, 40);

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.offset()).isEqualTo(58);
    assertThat(e.getMessage()).contains("e_shentsize is 40, expected 64");
  }

  @Test
  @DisplayName("a section header offset near 2^64 does not wrap around")
  void read_hugeSectionTableOffset_einval() throws IOException {
    byte[] bytes = module().bytes();
    putLong(bytes, 40, -64L);

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.getMessage()).contains("18446744073709551552");
  }

  @Test
  @DisplayName("e_shstrndx 0: libkmod's assertion aborts depmod")
  void read_noSectionNameTable_abort() throws IOException {
    byte[] bytes = module().bytes();
    putShort(bytes, 62, 0);

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.ABORT);
    assertThat(e.kmodOutcome().strerror()).isEmpty();
    assertThat(e.offset()).isEqualTo(62);
    assertThat(e.getMessage()).endsWith("e_shstrndx is 0 (no section); " + ABORTS);
  }

  @Test
  @DisplayName("e_shstrndx past the last section: abort as well")
  void read_sectionNameTableIndexTooLarge_abort() throws IOException {
    TestElf.Image image = module();
    byte[] bytes = image.bytes();
    putShort(bytes, 62, image.sectionCount());

    assertThat(reject(bytes).kmodOutcome()).isEqualTo(KmodOutcome.ABORT);
  }

  @Test
  @DisplayName("a section name table reaching past the end of the file")
  void read_sectionNameTableOutOfFile_einvalAtItsHeader() throws IOException {
    TestElf.Image image = module();
    byte[] bytes = image.bytes();
    int header = (int) image.sectionTableOffset() + 64 * (image.sectionCount() - 1);
    putLong(bytes, header + 32, bytes.length);

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.offset()).isEqualTo(header);
  }

  @Test
  @DisplayName("a section name table whose last byte is not NUL")
  void read_sectionNameTableUnterminated_einval() throws IOException {
    TestElf.Image image = module();
    byte[] bytes = image.bytes();
    long names = image.sectionOffset().get(".shstrtab");
    int header = (int) image.sectionTableOffset() + 64 * (image.sectionCount() - 1);
    long size = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(header + 32);
    bytes[(int) (names + size - 1)] = 'x';

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.EINVAL);
    assertThat(e.offset()).isEqualTo(names + size);
    assertThat(e.getMessage()).contains("does not end with a NUL byte");
  }

  @Test
  @DisplayName("an empty .modinfo placed at the very end of the file: libkmod asserts")
  void read_emptySectionAtEndOfFile_abort() throws IOException {
    TestElf.Image image = module();
    byte[] bytes = image.bytes();
    int header = (int) image.sectionTableOffset() + 64 * image.sectionIndex().get(".modinfo");
    putLong(bytes, header + 24, bytes.length);
    putLong(bytes, header + 32, 0);

    ModuleFormatException e = reject(bytes);

    assertThat(e.kmodOutcome()).isEqualTo(KmodOutcome.ABORT);
    assertThat(e.offset()).isEqualTo(header);
    assertThat(e.getMessage()).contains("(.modinfo) starts at the end of the file");
  }

  @Test
  @DisplayName("a __crc_ symbol in a special section (SHN_COMMON): libkmod asserts")
  void read_crcSymbolInSpecialSection_abort() throws IOException {
    byte[] bytes = TestElf.module().symbolAt("__crc_x", 0, TestElf.STB_GLOBAL, 0, 0xfff2)
        .build().bytes();

    assertThat(reject(bytes).kmodOutcome()).isEqualTo(KmodOutcome.ABORT);
  }

  @Test
  @DisplayName("kmod accepts sections whose bytes lie outside the file (.bss-like): so do we")
  void read_sectionOutsideFile_skippedLikeLibkmod() throws IOException {
    TestElf.Image image = TestElf.module().modinfoRaw("license=GPL\0")
        .section(".bss", new byte[8]).build();
    byte[] bytes = image.bytes();
    int header = (int) image.sectionTableOffset() + 64 * image.sectionIndex().get(".bss");
    putLong(bytes, header + 32, 1 << 20);
    Path file = dir.resolve("bss.ko");
    Files.write(file, bytes);

    assertThat(reader.read(file).modinfo()).containsExactly(new ModinfoEntry("license", "GPL"));
  }

  @Test
  @DisplayName("a missing file is a plain I/O error, not a format error")
  void read_missingFile_noSuchFile() {
    assertThatThrownBy(() -> reader.read(dir.resolve("absent.ko")))
        .isInstanceOf(NoSuchFileException.class);
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 0x5eed_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @DisplayName("damaged modules (bit rot, bad copies) never escape as anything but a format error")
  void read_randomDamage_onlyFormatErrors(long seed) throws Exception {
    Random random = new Random(seed);
    byte[] original = TestSigner.appendTrailer(module().bytes(), new byte[] {0x30, 0}, 0, 0, 2,
        new byte[0], new byte[0]);
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      byte[] bytes = original.clone();
      if (random.nextInt(4) == 0) {
        bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      int changes = 1 + random.nextInt(6);
      for (int i = 0; i < changes && bytes.length > 0; i++) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      try {
        ModuleFile module = reader.read(Path.of("damaged.ko"), bytes);
        module.signature();
      } catch (ModuleFormatException expected) {
        assertThat(expected.getMessage()).startsWith("damaged.ko: ");
      } catch (RuntimeException e) {
        failures.add("round " + round + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }
}
