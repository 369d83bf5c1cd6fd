package dev.rdmaforge.image.initramfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Initramfs files made the way generators make them, with the real tools: {@code find | sort |
 * cpio -o -H newc} over a tree, piped through gzip, xz, zstd, {@code lz4 -l}, bzip2 or lzma.
 */
final class InitramfsFixtures {
  static final String RELEASE = "6.1.0-56-amd64";

  private InitramfsFixtures() {}

  /** Runs {@code sh -c script} in {@code dir}, feeding {@code input}; returns stdout. */
  static byte[] sh(Path dir, String script, byte[] input) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).start();
    Thread feeder = new Thread(() -> {
      try (var in = p.getOutputStream()) {
        in.write(input);
      } catch (IOException ignored) {
        // the tool exited early; its exit code tells
      }
    });
    feeder.start();
    byte[] out;
    try (InputStream stdout = p.getInputStream()) {
      out = stdout.readAllBytes();
    }
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    feeder.join();
    if (p.waitFor() != 0) {
      throw new IOException("'" + script + "' failed: " + err);
    }
    return out;
  }

  /** A tree like an initramfs-tools one: dirs, files, links, a FIFO, a .ko.xz and modules.dep. */
  static Path tree(Path into, long seed) throws IOException, InterruptedException {
    Random random = new Random(seed);
    Path t = Files.createDirectories(into);
    String mods = "usr/lib/modules/" + RELEASE + "/";
    Files.createDirectories(t.resolve(mods + "kernel/drivers/infiniband/core"));
    Files.createDirectories(t.resolve("usr/bin"));
    Files.createDirectories(t.resolve("conf/conf.d"));
    Files.createSymbolicLink(t.resolve("lib"), Path.of("usr/lib"));
    Files.createSymbolicLink(t.resolve("bin"), Path.of("usr/bin"));
    for (int size : new int[] {0, 1, 3, 4, 5, 4093, 70_001}) {
      Files.write(t.resolve("usr/bin/f" + size), bytes(random, size));
    }
    Files.writeString(t.resolve("conf/arch.conf"), "DPKG_ARCH=amd64\n");
    Files.write(t.resolve("usr/bin/busybox"), bytes(random, 9000));
    Files.createLink(t.resolve("usr/bin/sh"), t.resolve("usr/bin/busybox"));
    sh(t, "mkfifo usr/bin/pipe && chmod 4755 usr/bin/f5", new byte[0]);
    Files.write(t.resolve(mods + "kernel/drivers/infiniband/core/ib_core.ko"),
        module("ib_core", random));
    Files.write(t.resolve(mods + "kernel/drivers/infiniband/core/rdma-cm.ko.xz"),
        sh(t, "xz --check=crc32 -c", module("rdma_cm", random)));
    Files.writeString(t.resolve(mods + "modules.dep"),
        "kernel/drivers/infiniband/core/ib_core.ko:\n"
            + "kernel/drivers/infiniband/core/rdma-cm.ko.xz: kernel/drivers/infiniband/core/"
            + "ib_core.ko\n");
    return t;
  }

  /** Stand-in module bytes: only their digest matters to the initramfs reader. */
  static byte[] module(String name, Random random) {
    byte[] tail = bytes(random, 3000);
    byte[] head = ("\177ELF module " + name + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  /** {@code find . | LC_ALL=C sort | cpio -o -H newc} of {@code tree}. */
  static byte[] cpio(Path tree) throws IOException, InterruptedException {
    return sh(tree, "find . | LC_ALL=C sort | cpio -o -H newc --quiet", new byte[0]);
  }

  /** What {@code cpio -t} lists for {@code archive}. */
  static List<String> cpioList(Path dir, byte[] archive) throws IOException, InterruptedException {
    String out = new String(sh(dir, "cpio -t --quiet", archive), StandardCharsets.UTF_8);
    return new ArrayList<>(out.lines().toList());
  }

  /** The command that compresses as generators do, by format. */
  static String compressor(InitramfsCompression c) {
    switch (c) {
      case NONE:
        return "cat";
      case GZIP:
        return "gzip -n -9";
      case XZ:
        return "xz --check=crc32";
      case ZSTD:
        return "zstd -q -9";
      case LZ4_LEGACY:
        return "lz4 -q -9 -l -c";
      case BZIP2:
        return "bzip2 -9";
      case LZMA:
        return "lzma -9";
      default:
        throw new IllegalArgumentException(c.name());
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
