package dev.rdmaforge.image.initramfs;

import static dev.rdmaforge.image.initramfs.InitramfsFixtures.concat;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.compressor;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.cpio;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.cpioList;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Initramfs files as initramfs-tools and dracut write them (an uncompressed early-microcode
 * archive, then the main archive compressed with the configured tool) are read entry for entry
 * as {@code cpio -t} lists them, with each file's type, mode, size, digest and link target.
 */
class InitramfsImageTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(InitramfsCompression.class)
  void read_earlyMicrocodeThenMainArchive_listsWhatCpioLists(InitramfsCompression c)
      throws Exception {
    // Debian's update-initramfs with intel-microcode: early cpio first, then COMPRESS=... main.
    Path early = Files.createDirectories(dir.resolve("early/kernel/x86/microcode"));
    Files.write(early.resolve("GenuineIntel.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    byte[] earlyCpio = cpio(dir.resolve("early"));
    Path tree = InitramfsFixtures.tree(dir.resolve("main"), 7);
    byte[] main = cpio(tree);
    byte[] mainCompressed = sh(dir, compressor(c), main);
    Path file = dir.resolve("initrd.img");
    Files.write(file, concat(earlyCpio, mainCompressed));

    InitramfsImage image = InitramfsImage.read(file);

    List<String> expected = new ArrayList<>(cpioList(dir, earlyCpio));
    expected.addAll(cpioList(dir, main));
    assertThat(image.entries()).extracting(InitramfsEntry::path).containsExactlyElementsOf(expected);
    assertThat(image.segments()).extracting(InitramfsSegment::compression)
        .containsExactly(InitramfsCompression.NONE, c);
    assertThat(image.segments().get(1).offset()).isEqualTo(earlyCpio.length);
    // cpio pads its output to 512-byte blocks; uncompressed, that padding is the outer loop's
    if (c == InitramfsCompression.NONE) {
      assertThat(image.segments().get(1).length()).isBetween(main.length - 511L, (long) main.length);
    } else {
      assertThat(image.segments().get(1).decompressedSize()).isEqualTo(main.length);
      assertThat(image.segments().get(1).length()).isEqualTo(mainCompressed.length);
    }
    for (InitramfsEntry e : image.entries()) {
      Path onDisk = (e.segment() == 0 ? dir.resolve("early") : tree).resolve(e.path());
      assertMatchesTree(e, onDisk);
    }
  }

  private static void assertMatchesTree(InitramfsEntry e, Path onDisk) throws Exception {
    if (Files.isSymbolicLink(onDisk)) {
      assertThat(e.type()).isEqualTo(EntryType.SYMLINK);
      assertThat(e.linkTarget()).isEqualTo(Files.readSymbolicLink(onDisk).toString());
      return;
    }
    int mode = (Integer) Files.getAttribute(onDisk, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    assertThat(e.mode()).as(e.path()).isEqualTo(mode & 07777);
    if (Files.isDirectory(onDisk)) {
      assertThat(e.type()).isEqualTo(EntryType.DIRECTORY);
    } else if (Files.isRegularFile(onDisk)) {
      byte[] content = Files.readAllBytes(onDisk);
      assertThat(e.type()).isEqualTo(EntryType.FILE);
      assertThat(e.size()).as(e.path()).isEqualTo(content.length);
      assertThat(e.sha256()).as(e.path()).isEqualTo(sha256(content));
    } else {
      assertThat(e.type()).isEqualTo(EntryType.FIFO);
    }
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  @Test
  void read_hardLinkWrittenOnce_givesEveryLinkTheContent() throws Exception {
    // busybox and its applet links: cpio stores the data with the last link only.
    Path tree = InitramfsFixtures.tree(dir.resolve("t"), 3);
    Path file = dir.resolve("initrd.img");
    Files.write(file, cpio(tree));

    InitramfsImage image = InitramfsImage.read(file);

    String busybox = sha256(Files.readAllBytes(tree.resolve("usr/bin/busybox")));
    assertThat(image.entry("usr/bin/sh").orElseThrow().sha256()).isEqualTo(busybox);
    assertThat(image.entry("./usr/bin/busybox").orElseThrow().sha256()).isEqualTo(busybox);
    assertThat(image.entry("usr/bin/f5").orElseThrow().mode()).isEqualTo(04755);
    assertThat(image.entry("bin").orElseThrow().linkTarget()).isEqualTo("usr/bin");
  }

  @Test
  void read_zeroPaddingAndSeveralArchivesInOneStream_areSkippedAsTheKernelDoes()
      throws Exception {
    // dracut pads the early cpio; some tools concatenate archives before compressing.
    Path a = Files.createDirectories(dir.resolve("a/x"));
    Files.writeString(a.resolve("one"), "1");
    Path b = Files.createDirectories(dir.resolve("b/y"));
    Files.writeString(b.resolve("two"), "22");
    byte[] cpioA = cpio(dir.resolve("a"));
    byte[] cpioB = cpio(dir.resolve("b"));
    byte[] padding = new byte[512 - cpioA.length % 512 + 512];
    byte[] inner = concat(cpioA, new byte[8], cpioB);
    Path file = dir.resolve("initrd.img");
    Files.write(file, concat(cpioA, padding, sh(dir, "xz --check=crc32", inner), new byte[64]));

    InitramfsImage image = InitramfsImage.read(file);

    assertThat(image.entries()).extracting(InitramfsEntry::normalizedPath)
        .containsExactly(".", "x", "x/one", ".", "x", "x/one", ".", "y", "y/two");
    assertThat(image.segments()).hasSize(2);
    assertThat(image.entry("y/two").orElseThrow().size()).isEqualTo(2);
  }

  @Test
  void read_modulesOfTheRelease_nameDigestOfDecompressedImageAndModulesDep() throws Exception {
    // initramfs-tools keeps .ko.xz when xz is missing in the image; kmod names rdma-cm rdma_cm.
    Path tree = InitramfsFixtures.tree(dir.resolve("t"), 11);
    Path file = dir.resolve("initrd.img");
    Files.write(file, sh(dir, "zstd -q", cpio(tree)));

    InitramfsModules modules = InitramfsModules.read(file, InitramfsFixtures.RELEASE);

    String mods = "usr/lib/modules/" + InitramfsFixtures.RELEASE + "/";
    byte[] rdmaCm = sh(dir, "xz -dc " + tree.resolve(mods
        + "kernel/drivers/infiniband/core/rdma-cm.ko.xz"), new byte[0]);
    assertThat(modules.names()).containsExactly("ib_core", "rdma_cm");
    InitramfsModule cm = modules.module("rdma-cm").orElseThrow();
    assertThat(cm.relativePath()).isEqualTo("kernel/drivers/infiniband/core/rdma-cm.ko.xz");
    assertThat(cm.sha256()).isEqualTo(sha256(rdmaCm));
    assertThat(modules.modulesDep()).hasValueSatisfying(d -> assertThat(d).contains("rdma-cm"));
    assertThat(modules.image().entries()).hasSize(InitramfsImage.read(file).entries().size());
    assertThat(InitramfsModules.read(file, "6.1.0-47-amd64").modules()).isEmpty();
  }
}
