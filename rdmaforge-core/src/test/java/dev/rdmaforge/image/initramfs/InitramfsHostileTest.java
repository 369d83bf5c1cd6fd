package dev.rdmaforge.image.initramfs;

import static dev.rdmaforge.image.initramfs.InitramfsFixtures.concat;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.compressor;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.cpio;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.sh;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged and hostile initramfs files (a copy cut short by a full /boot, a wrong file given, a
 * crafted header) fail with the file and the byte offset named, without running out of memory.
 */
class InitramfsHostileTest {
  @TempDir Path dir;

  private Path write(byte[] bytes) throws Exception {
    Path file = dir.resolve("initrd.img");
    Files.write(file, bytes);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(InitramfsCompression.class)
  void read_truncatedMainArchive_namesFileAndSegment(InitramfsCompression c) throws Exception {
    // /boot filled up while update-initramfs wrote the file.
    byte[] main = sh(dir, compressor(c), cpio(InitramfsFixtures.tree(dir.resolve("t"), 5)));
    Path file = write(Arrays.copyOf(main, main.length / 2));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining("byte")
        .hasMessageContaining("regenerate");
  }

  @Test
  void read_badMagicAfterTheEarlyArchive_namesTheOffset() throws Exception {
    // A vmlinuz or a random file appended where the main archive should be.
    Files.createDirectories(dir.resolve("early/kernel"));
    byte[] early = cpio(dir.resolve("early"));
    Path file = write(concat(early, "MZ\u0000\u0000junk".getBytes(StandardCharsets.US_ASCII)));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(file + ": at byte " + early.length + " (0x"
            + Integer.toHexString(early.length) + "): invalid magic at start of compressed"
            + " archive (bytes 4d 5a)");
  }

  @Test
  void read_oldPortableCpio_saysTheKernelNeedsNewc() throws Exception {
    Files.createDirectories(dir.resolve("old/etc"));
    Path file = write(sh(dir.resolve("old"), "find . | cpio -o -H odc --quiet", new byte[0]));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .hasMessageContaining("at byte 0 (0x0): incorrect cpio method used");
  }

  @Test
  void read_hugeFileSizeInHeader_failsAsTruncatedWithoutAllocating() throws Exception {
    // A crafted header announcing a 4 GiB member followed by a few bytes.
    String header = "070701" + "00000001" + "000081a4" + "00000000" + "00000000" + "00000001"
        + "00000000" + "ffffffff" + "00000000" + "00000000" + "00000000" + "00000000"
        + "00000002" + "00000000" + "a\0";
    Path file = write(concat(header.getBytes(StandardCharsets.US_ASCII), new byte[100]));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("4294967295 bytes");
  }

  @Test
  void read_nameSizeBeyondPathMax_isRefused() throws Exception {
    String header = "070701" + "0".repeat(8 * 11) + "00100000" + "00000000";
    Path file = write(concat(header.getBytes(StandardCharsets.US_ASCII), new byte[16]));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .hasMessageContaining("at byte 0 (0x0): name size 1048576 is outside 1..4096");
  }

  @Test
  void read_notHexInHeader_namesTheByte() throws Exception {
    String header = "070701" + "0000000Z" + "0".repeat(8 * 12);
    Path file = write(header.getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .hasMessageContaining("at byte 13 (0xd): cpio header field 1 is not hexadecimal");
  }

  @Test
  void read_moreEntriesThanTheLimit_stops() throws Exception {
    Path file = write(cpio(InitramfsFixtures.tree(dir.resolve("t"), 1)));
    InitramfsLimits few = new InitramfsLimits(1 << 20, 1 << 20, 5, 1 << 20);

    assertThatThrownBy(() -> InitramfsImage.read(file, few))
        .hasMessageContaining("more than 5 entries");
  }

  @Test
  void read_compressionBomb_stopsAtTheDecompressedLimit() throws Exception {
    // 64 MiB of zeros inside one member compress to about 64 KiB.
    Path big = Files.createDirectories(dir.resolve("bomb"));
    sh(big, "head -c 67108864 /dev/zero > zeros", new byte[0]);
    Path file = write(sh(dir, "gzip -1", cpio(big)));
    InitramfsLimits small = new InitramfsLimits(1 << 30, 16 << 20, 1000, 1 << 20);

    assertThatThrownBy(() -> InitramfsImage.read(file, small))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("gzip segment at byte 0 (0x0) decompresses to more than 16777216");
  }

  @Test
  void read_junkAfterTrailerInsideCompressedStream_isRefused() throws Exception {
    byte[] archive = cpio(InitramfsFixtures.tree(dir.resolve("t"), 2));
    Path file = write(sh(dir, "gzip", concat(archive, "XY".getBytes(StandardCharsets.US_ASCII))));

    assertThatThrownBy(() -> InitramfsImage.read(file))
        .hasMessageContaining("junk within compressed archive");
  }

  @Test
  void read_emptyAndMissingFiles_sayWhatToDo() throws Exception {
    Path empty = write(new byte[0]);
    assertThatThrownBy(() -> InitramfsImage.read(empty)).hasMessageContaining("is empty");
    Path zeros = write(new byte[4096]);
    assertThatThrownBy(() -> InitramfsImage.read(zeros)).hasMessageContaining("all zero");
    assertThatThrownBy(() -> InitramfsImage.read(dir.resolve("nope")))
        .hasMessageContaining("no such file");
  }
}
