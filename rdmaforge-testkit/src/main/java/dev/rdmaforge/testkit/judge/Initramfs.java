package dev.rdmaforge.testkit.judge;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Packs the staged tree as the guest's initramfs, optionally compressed (Debian 6.1 has {@code
 * CONFIG_RD_GZIP}, {@code _XZ} and {@code _ZSTD}).
 */
final class Initramfs {

  /** How the archive is compressed; the kernel detects it by its magic. */
  enum Compression {
    NONE(""),
    GZIP(".gz"),
    ZSTD(".zst");

    private final String suffix;

    Compression(String suffix) {
      this.suffix = suffix;
    }

    /** {@code none}, {@code gzip} or {@code zstd}, case-insensitive. */
    static Compression parse(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "-D" + KernelJudge.COMPRESS_PROPERTY + "=" + name + ": use none, gzip or zstd", e);
      }
    }
  }

  /**
   * The written archive.
   *
   * @param file the archive
   * @param stats its entries and the content bytes the guest unpacks
   */
  record Packed(Path file, NewcArchive.Stats stats) {}

  private Initramfs() {}

  /** Archives {@code tree} into {@code workDir/initrd.cpio[.gz|.zst]}. */
  static Packed pack(Path tree, Path workDir, Compression compression) {
    Path file = workDir.resolve("initrd.cpio" + compression.suffix);
    try (OutputStream out = compressed(Files.newOutputStream(file), compression)) {
      NewcArchive.Stats stats = NewcArchive.write(tree, out);
      return new Packed(file, stats);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  private static OutputStream compressed(OutputStream out, Compression compression)
      throws IOException {
    switch (compression) {
      case GZIP:
        return new GZIPOutputStream(out, 1 << 16);
      case ZSTD:
        return new ZstdOutputStream(out);
      default:
        return out;
    }
  }
}
