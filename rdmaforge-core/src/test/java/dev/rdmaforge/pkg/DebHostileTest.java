package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile DEBs: refused with the file, the byte offset or entry, and what to do;
 * nothing is written outside the output root (a sibling {@code outside/} stays empty).
 */
class DebHostileTest {
  @TempDir Path dir;

  private Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("bad.deb"), bytes);
  }

  private void refused(Path file, String... fragments) throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    assertThatThrownBy(() -> Packages.extract(ExtractionRequest.of(file, dir.resolve("root"))))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContainingAll(fragments);
    try (var listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
  }

  @Test
  void wrongMagic() throws IOException {
    byte[] bytes = new TestDeb().build();
    bytes[1] = 'X';
    refused(write(bytes), "byte 0", "neither an RPM");
  }

  @Test
  void debianBinaryNotFirst() throws IOException {
    TestDeb deb = new TestDeb();
    deb.members = new Object[] {"control.tar.xz", null, "debian-binary", null, "data.tar.xz",
        null};
    refused(write(deb.build()), "byte 8", "first ar member is 'control.tar.xz'");
  }

  @Test
  void formatVersionThree() throws IOException {
    TestDeb deb = new TestDeb();
    deb.debianBinary = "3.0\n";
    refused(write(deb.build()), "debian-binary says '3.0'");
  }

  @Test
  void unknownMemberBeforeData() throws IOException {
    TestDeb deb = new TestDeb();
    deb.members = new Object[] {"debian-binary", null, "control.tar.xz", null, "evil", new byte[2],
        "data.tar.xz", null};
    refused(write(deb.build()), "ar member 'evil' where data.tar* must come");
  }

  @Test
  void truncatedInsideData_arSizeBeyondFile() throws IOException {
    byte[] bytes = new TestDeb().build();
    refused(write(Arrays.copyOf(bytes, bytes.length - 40)), "declares", "(truncated)");
  }

  @Test
  void dataMemberNamedXzButGzip() throws IOException {
    TestDeb deb = new TestDeb();
    deb.dataCompression = PayloadCompression.GZIP;
    deb.members = new Object[] {"debian-binary", null, "control.tar.xz", null, "data.tar.xz",
        TestArchives.compress(PayloadCompression.GZIP, new byte[1024])};
    refused(write(deb.build()), "member 'data.tar.xz' does not start with the xz magic");
  }

  @Test
  void corruptCompressedData() throws IOException {
    TestDeb deb = new TestDeb();
    deb.dataCompression = PayloadCompression.ZSTD;
    deb.compressedDataTamper = b -> {
      byte[] c = b.clone();
      for (int i = 8; i < c.length - 4; i += 7) {
        c[i] ^= 0x5a;
      }
      return c;
    };
    refused(write(deb.build()), "zstd stream of member data.tar.zst", "download it again");
  }

  @Test
  void gzipStreamCutAfterTheTarEnd_decoderTrailerChecked() throws IOException {
    TestDeb deb = new TestDeb();
    deb.dataCompression = PayloadCompression.GZIP;
    deb.compressedDataTamper = b -> Arrays.copyOf(b, b.length - 6); // CRC32 and ISIZE cut
    refused(write(deb.build()), "gzip stream of member data.tar.gz");
  }

  @Test
  void dotDotPath() throws IOException {
    TestDeb deb = new TestDeb();
    deb.file("./lib/../../../tmp/evil", "x");
    refused(write(deb.build()), "entry './lib/../../../tmp/evil'", "'..' component");
  }

  @Test
  void deviceNode() throws IOException {
    TestDeb deb = new TestDeb();
    deb.add("./dev/sda9", '4', 0600, null, new byte[0]);
    refused(write(deb.build()), "entry './dev/sda9'", "a device node");
  }

  @Test
  void fifo() throws IOException {
    TestDeb deb = new TestDeb();
    deb.add("./run/pipe", '6', 0600, null, new byte[0]);
    refused(write(deb.build()), "entry './run/pipe'", "a FIFO");
  }

  @Test
  void hardLinkOutsideThePackage() throws IOException {
    TestDeb deb = new TestDeb();
    deb.hardlink("./etc/shadow-copy", "/etc/shadow");
    refused(write(deb.build()), "entry './etc/shadow-copy'", "hard link to '/etc/shadow'",
        "outside the package");
  }

  @Test
  void hardLinkClimbingOut() throws IOException {
    TestDeb deb = new TestDeb();
    deb.hardlink("./etc/x", "../../../etc/passwd");
    refused(write(deb.build()), "hard link to '../../../etc/passwd'");
  }

  @Test
  void tenGigabytesDeclared() throws IOException {
    TestDeb deb = new TestDeb();
    deb.file("./lib/modules/k/big.ko", "tiny").declaredSize = 10L << 30;
    refused(write(deb.build()), "entry './lib/modules/k/big.ko'", "declares 10737418240 bytes");
    try (var walk = Files.walk(dir.resolve("root"))) {
      assertThat(walk.filter(p -> p.toString().endsWith("big.ko"))).isEmpty();
    }
  }

  @Test
  void truncatedTarContent() throws IOException {
    TestDeb deb = new TestDeb();
    deb.file("./lib/modules/k/a.ko", "y".repeat(3000));
    deb.dataTamper = b -> Arrays.copyOf(b, b.length - 1024 - 2000);
    refused(write(deb.build()), "lib/modules/k/a.ko");
    assertThat(dir.resolve("root/lib/modules/k/a.ko")).doesNotExist();
  }

  @Test
  void md5sumsDisagree() throws IOException {
    TestDeb deb = new TestDeb();
    deb.md5sums = "00000000000000000000000000000000  etc/modprobe.d/rdmaforge.conf\n";
    refused(write(deb.build()), "entry 'etc/modprobe.d/rdmaforge.conf'", "MD5",
        "the package records 00000000");
    assertThat(dir.resolve("root/etc/modprobe.d/rdmaforge.conf")).doesNotExist();
  }

  @Test
  void controlWithoutVersion() throws IOException {
    TestDeb deb = new TestDeb();
    deb.control = "Package: a1\nArchitecture: all\n";
    refused(write(deb.build()), "the control file has no Version field");
  }

  @Test
  void controlSyntaxError_namesLine() throws IOException {
    TestDeb deb = new TestDeb();
    deb.control = "Package: a1\nVersion 1\n";
    Path file = write(deb.build());
    assertThatThrownBy(() -> Packages.read(file)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": control:2:10: no ':'");
  }

  @Test
  void emptyFile() throws IOException {
    Path file = write("".getBytes(StandardCharsets.UTF_8));
    refused(file, "byte 0", "it starts with");
  }
}
