package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The initramfs writer, read back by GNU cpio (which reads newc as the kernel does). */
class NewcArchiveTest {

  @TempDir Path dir;

  @Test
  @DisplayName("two scenarios sharing ib_core: stored once, extracted as hard links")
  void write_sharedModules_storedOnceAndExtractedEqual() throws IOException {
    Path tree = dir.resolve("tree");
    byte[] module = new byte[100_003];
    new java.util.Random(7).nextBytes(module);
    write(tree.resolve("s0/lib/modules/k/ib_core.ko"), module);
    write(tree.resolve("s1/lib/modules/k/updates/ib_core.ko"), module);
    write(tree.resolve("s1/etc/modprobe.d/a.conf"), "softdep a pre: b\n".getBytes());
    write(tree.resolve("init"), "#!/bin/sh\n".getBytes());
    Files.setPosixFilePermissions(
        tree.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(tree.resolve("kbin"));
    Files.createSymbolicLink(tree.resolve("kbin/modprobe"), Path.of("kmod"));
    Files.createDirectories(tree.resolve("proc"));

    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    NewcArchive.Stats stats = NewcArchive.write(tree, archive);

    assertThat(stats.contentBytes())
        .as("the module's bytes once, plus the conf, init and the link text")
        .isEqualTo(100_003 + 17 + 10 + 4);
    assertThat(archive.size()).isLessThan(2 * 100_003);
    Path archiveFile = dir.resolve("a.cpio");
    Files.write(archiveFile, archive.toByteArray());
    Path out = Files.createDirectories(dir.resolve("out"));
    ProcessResult listing = cpio(out, archiveFile, "-t");
    assertThat(listing.stdout().lines().toList())
        .as("byte order of paths, parents first")
        .containsExactly(
            "init",
            "kbin",
            "kbin/modprobe",
            "proc",
            "s0",
            "s0/lib",
            "s0/lib/modules",
            "s0/lib/modules/k",
            "s0/lib/modules/k/ib_core.ko",
            "s1",
            "s1/etc",
            "s1/etc/modprobe.d",
            "s1/etc/modprobe.d/a.conf",
            "s1/lib",
            "s1/lib/modules",
            "s1/lib/modules/k",
            "s1/lib/modules/k/updates",
            "s1/lib/modules/k/updates/ib_core.ko");
    ProcessResult extract = cpio(out, archiveFile, "-id");
    assertThat(extract.exitCode()).as(extract.describe()).isZero();
    assertThat(Files.readAllBytes(out.resolve("s0/lib/modules/k/ib_core.ko"))).isEqualTo(module);
    assertThat(
            Files.isSameFile(
                out.resolve("s0/lib/modules/k/ib_core.ko"),
                out.resolve("s1/lib/modules/k/updates/ib_core.ko")))
        .isTrue();
    assertThat(Files.readSymbolicLink(out.resolve("kbin/modprobe"))).isEqualTo(Path.of("kmod"));
    assertThat(Files.isExecutable(out.resolve("init"))).isTrue();
    assertThat(Files.isDirectory(out.resolve("proc"))).isTrue();
  }

  @Test
  @DisplayName("equal trees give equal archives (time 0, owner root)")
  void write_twice_identical() throws IOException {
    Path tree = dir.resolve("tree");
    write(tree.resolve("b/x"), "x".getBytes());
    write(tree.resolve("a"), "a".getBytes());
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();

    NewcArchive.write(tree, first);
    Files.setLastModifiedTime(tree.resolve("a"), java.nio.file.attribute.FileTime.fromMillis(0));
    NewcArchive.write(tree, second);

    assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
    assertThat(new String(first.toByteArray(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("070701");
  }

  private static ProcessResult cpio(Path workDir, Path archive, String mode) {
    Path cpio = Tools.require("cpio", "cpio");
    return dev.rdmaforge.testkit.Processes.run(
        workDir, List.of("sh", "-c", cpio + " " + mode + " --quiet < '" + archive + "'"));
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
