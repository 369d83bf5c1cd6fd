package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile RPMs: each is refused with a {@link UserInputException} naming the file, the
 * byte offset or entry, and what to do, before anything is written (extraction goes to a sandbox
 * whose only other content, {@code outside/}, must stay empty).
 */
class RpmHostileTest {
  @TempDir Path dir;

  private Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("bad.rpm"), bytes);
  }

  private static TestRpm simple() {
    TestRpm rpm = new TestRpm();
    rpm.file("lib/modules/k/extra/a.ko", "module a");
    return rpm;
  }

  /** Extracting refuses with all of {@code fragments} and writes nothing anywhere. */
  private void refused(Path file, String... fragments) throws IOException {
    refused(file, true, fragments);
  }

  /**
   * Extracting refuses with all of {@code fragments} and writes nothing outside the root; with
   * {@code upFront}, nothing at all (the problem is found before the payload is streamed).
   */
  private void refused(Path file, boolean upFront, String... fragments) throws IOException {
    Path root = dir.resolve("root");
    Path outside = Files.createDirectories(dir.resolve("outside"));
    assertThatThrownBy(() -> Packages.extract(ExtractionRequest.of(file, root)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file.toString() + ": ")
        .hasMessageContainingAll(fragments);
    try (var listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
    if (upFront && Files.exists(root)) {
      try (var walk = Files.walk(root)) {
        assertThat(walk.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }

  @Test
  void wrongLeadMagic_notAnRpm() throws IOException {
    byte[] bytes = simple().build();
    bytes[0] = 'X';
    refused(write(bytes), "byte 0", "neither an RPM");
  }

  @Test
  void truncatedInsideLead() throws IOException {
    refused(write(Arrays.copyOf(simple().build(), 50)), "byte 50", "lead (truncated)");
  }

  @Test
  void truncatedInsideHeader_namesOffset() throws IOException {
    byte[] bytes = simple().build();
    refused(write(Arrays.copyOf(bytes, 300)), "(truncated)", "download it again");
  }

  @Test
  void truncatedPayload_signatureSizeDisagrees() throws IOException {
    byte[] bytes = simple().build();
    refused(write(Arrays.copyOf(bytes, bytes.length - 10)), "the file has", "(truncated)");
  }

  @Test
  void wrongHeaderMagic() throws IOException {
    byte[] bytes = simple().build();
    bytes[96] = 0;
    refused(write(bytes), "byte 96", "RPM header magic 8E AD E8 01");
  }

  @Test
  void hugeTagCount_refusedBeforeAllocating() throws IOException {
    byte[] bytes = simple().build();
    bytes[104] = 0x7f; // il of the signature header: 0x7f......
    refused(write(bytes), "byte 104", "tags; rpm accepts 1 to 65535");
  }

  @Test
  void dataLengthBeyondFile() throws IOException {
    byte[] bytes = simple().build();
    bytes[109] = 0x0f; // dl of the signature header: 0x0f......
    refused(write(bytes), "byte 104", "but the file ends at byte");
  }

  @Test
  void headerDigestMismatch_bitFlipInHeader() throws IOException {
    TestRpm rpm = simple();
    rpm.signatureOverrides.put(RpmTags.SIG_SHA256, TestRpm.string("00".repeat(32)));
    refused(write(rpm.build()), "SHA-256", "the signature header says 0000");
  }

  @Test
  void entryOffsetOutsideData() throws IOException {
    TestRpm rpm = simple();
    rpm.signatureOverrides.put(RpmTags.SIG_SIZE, null);
    rpm.signatureOverrides.put(RpmTags.SIG_SHA256, null);
    byte[] bytes = rpm.build();
    // The first index entry of the main header starts after the lead and the padded signature.
    int headerStart = headerStart(bytes);
    bytes[headerStart + 16 + 8] = 0x10; // offset of NAME: 0x10xxxxxx
    refused(write(bytes), "NAME (1000) of the header points at data offset");
  }

  @Test
  void arrayCountsDisagree() throws IOException {
    TestRpm rpm = simple();
    rpm.file("lib/modules/k/extra/b.ko", "b");
    rpm.overrides.put(RpmTags.FILEMODES, TestRpm.int16(0100644));
    refused(write(rpm.build()), "FILEMODES (1030) has 1 values for 2 files");
  }

  @Test
  void tenGigabytesDeclared_refusedBeforeWriting() throws IOException {
    TestRpm rpm = simple();
    rpm.longSizes = true;
    rpm.files.get(0).declaredSize = 10L << 30;
    refused(write(rpm.build()), "entry 'lib/modules/k/extra/a.ko'", "declares 10737418240 bytes",
        "the size is false");
  }

  @Test
  void dotDotInHeaderPath() throws IOException {
    TestRpm rpm = simple();
    rpm.file("lib/modules/../../../etc/cron.d/evil", "* * * * * root sh\n");
    refused(write(rpm.build()), "entry '/lib/modules/../../../etc/cron.d/evil'",
        "'..' component", "do not install it");
  }

  @Test
  void dotDotOnlyInCpioName_notInHeader() throws IOException {
    TestRpm rpm = simple();
    rpm.files.get(0).payloadName = "./../evil";
    refused(write(rpm.build()), "entry './../evil'", "'..' component");
  }

  @Test
  void cpioEntryMissingFromHeader() throws IOException {
    TestRpm rpm = simple();
    rpm.files.get(0).payloadName = "./lib/modules/k/extra/other.ko";
    refused(write(rpm.build()), "entry './lib/modules/k/extra/other.ko'",
        "not in the header's file list");
  }

  @Test
  void deviceFile() throws IOException {
    TestRpm rpm = simple();
    rpm.file("dev/mem2", 020600, new byte[0]);
    refused(write(rpm.build()), "entry 'dev/mem2'", "device, FIFO or socket");
  }

  @Test
  void payloadCompressorLies() throws IOException {
    TestRpm rpm = simple();
    rpm.overrides.put(RpmTags.PAYLOADCOMPRESSOR, TestRpm.string("xz"));
    refused(write(rpm.build()), "PAYLOADCOMPRESSOR says xz, but the payload starts with 1F 8B");
  }

  @Test
  void corruptCompressedPayload() throws IOException {
    TestRpm rpm = simple();
    rpm.compression = PayloadCompression.XZ;
    rpm.file("lib/modules/k/extra/big.ko", "x".repeat(4000) + "y".repeat(4000));
    rpm.compressedTamper = b -> {
      byte[] c = b.clone();
      c[c.length / 2] ^= 0x55;
      return c;
    };
    // xz checks its CRC at the end of the block: a.ko was already written; nothing outside is.
    refused(write(rpm.build()), false, "xz stream of the payload", "download it again");
  }

  @Test
  void compressedStreamCutAfterTheCpioTrailer_decoderTrailerChecked() throws IOException {
    TestRpm rpm = simple();
    rpm.compression = PayloadCompression.XZ;
    rpm.signatureOverrides.put(RpmTags.SIG_SIZE, null); // the lead and digests agree with the cut
    rpm.compressedTamper = b -> Arrays.copyOf(b, b.length - 30);
    refused(write(rpm.build()), false, "xz stream of the payload", "download it again");
  }

  @Test
  void contentDiffersFromDigest_nothingLeftBehind() throws IOException {
    TestRpm rpm = simple();
    rpm.files.get(0).payloadData = "module b".getBytes(StandardCharsets.UTF_8);
    Path file = write(rpm.build());
    refused(file, "entry 'lib/modules/k/extra/a.ko'", "SHA256", "the package records");
    try (var walk = Files.walk(dir.resolve("root"))) {
      assertThat(walk.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".rdmaforge-"));
    }
  }

  @Test
  void payloadLacksAListedFile() throws IOException {
    TestRpm rpm = simple();
    rpm.file("lib/modules/k/extra/b.ko", "b").inPayload = false;
    Path file = write(rpm.build());
    assertThatThrownBy(() -> {
      try (PayloadReader payload = Packages.openPayload(file)) {
        while (payload.next().isPresent()) {
          // read all
        }
      }
    }).isInstanceOf(UserInputException.class)
        .hasMessageContainingAll("entry 'lib/modules/k/extra/b.ko'", "the payload lacks it");
  }

  @Test
  void payloadDigestMismatch() throws IOException {
    TestRpm rpm = simple();
    rpm.overrides.put(RpmTags.PAYLOADDIGEST, TestRpm.strings(List.of("ab".repeat(32))));
    Path file = write(rpm.build());
    assertThatThrownBy(() -> Packages.extract(ExtractionRequest.of(file, dir.resolve("r"))))
        .isInstanceOf(UserInputException.class)
        .hasMessageContainingAll("compressed payload's digest", "PAYLOADDIGEST says abab");
  }

  @Test
  void typeInPayloadDiffersFromHeader() throws IOException {
    TestRpm rpm = simple();
    rpm.files.get(0).payloadMode = 0120777;
    refused(write(rpm.build()), "the payload gives mode 0120777, the header 0100644");
  }

  private static int headerStart(byte[] bytes) {
    int il = ((bytes[104] & 0xff) << 24) | ((bytes[105] & 0xff) << 16)
        | ((bytes[106] & 0xff) << 8) | (bytes[107] & 0xff);
    int dl = ((bytes[108] & 0xff) << 24) | ((bytes[109] & 0xff) << 16)
        | ((bytes[110] & 0xff) << 8) | (bytes[111] & 0xff);
    int end = 96 + 16 + il * 16 + dl;
    return end + (8 - end % 8) % 8;
  }
}
