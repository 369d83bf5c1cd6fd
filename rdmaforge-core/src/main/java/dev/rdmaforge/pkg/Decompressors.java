package dev.rdmaforge.pkg;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.rdmaforge.report.UserInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens compressed payloads as streams (never as whole arrays) and turns every decoder failure
 * into a {@link UserInputException} at the file offset the decoder had reached.
 */
final class Decompressors {
  /**
   * The memory an xz or lzma decoder may ask for, in KiB: xz -9 needs 65 MiB; a header asking
   * for gigabytes is a damaged or hostile file, not a reason to run out of memory.
   */
  static final int MEMORY_LIMIT_KIB = 256 * 1024;

  private Decompressors() {}

  /** The compression {@code head} (the first bytes of a payload) starts with, or null. */
  static PayloadCompression sniff(byte[] head, int length) {
    if (starts(head, length, 0x1f, 0x8b)) {
      return PayloadCompression.GZIP;
    }
    if (starts(head, length, 'B', 'Z', 'h')) {
      return PayloadCompression.BZIP2;
    }
    if (starts(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return PayloadCompression.XZ;
    }
    if (starts(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
      return PayloadCompression.ZSTD;
    }
    if (starts(head, length, 0x5d, 0x00, 0x00)) {
      return PayloadCompression.LZMA;
    }
    return null;
  }

  private static boolean starts(byte[] head, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code raw} decompressed with {@code compression}; errors name {@code file}, the offset
   * {@code raw} had reached and {@code what} (e.g. {@code the data.tar.xz member}).
   */
  static InputStream open(
      Path file, String what, PayloadCompression compression, RegionInput raw) {
    InputStream buffered = new BufferedInputStream(raw, 65536);
    try {
      InputStream decoder;
      switch (compression) {
        case NONE:
          decoder = buffered;
          break;
        case GZIP:
          decoder = new GZIPInputStream(buffered, 65536);
          break;
        case BZIP2:
          decoder = new BZip2CompressorInputStream(buffered, true);
          break;
        case XZ:
          decoder = new XZInputStream(buffered, MEMORY_LIMIT_KIB);
          break;
        case LZMA:
          decoder = new LZMAInputStream(buffered, MEMORY_LIMIT_KIB);
          break;
        case ZSTD:
          decoder = new ZstdInputStreamNoFinalizer(buffered);
          break;
        default:
          throw new IllegalStateException("unhandled " + compression);
      }
      return new Guarded(file, what, compression, raw, decoder);
    } catch (IOException | RuntimeException | LinkageError e) {
      if (e instanceof UserInputException) {
        throw (UserInputException) e;
      }
      throw failure(file, what, compression, raw, e);
    }
  }

  static UserInputException failure(
      Path file, String what, PayloadCompression compression, RegionInput raw, Throwable e) {
    String name = compression.name().toLowerCase(Locale.ROOT);
    String why = e instanceof EOFException
        ? "the " + name + " stream of " + what + " ends before its end marker (truncated)"
        : "the " + name + " stream of " + what + " cannot be decompressed (" + e.getMessage()
            + ")";
    return PackageProblems.atByte(file, raw.position(), why, PackageProblems.DAMAGED, e);
  }

  /** A decoder whose failures become {@link UserInputException}s. */
  private static final class Guarded extends InputStream {
    private final Path file;
    private final String what;
    private final PayloadCompression compression;
    private final RegionInput raw;
    private final InputStream decoder;

    Guarded(Path file, String what, PayloadCompression compression, RegionInput raw,
        InputStream decoder) {
      this.file = file;
      this.what = what;
      this.compression = compression;
      this.raw = raw;
      this.decoder = decoder;
    }

    @Override
    public int read() {
      try {
        return decoder.read();
      } catch (IOException | RuntimeException | LinkageError e) {
        throw rethrow(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        return decoder.read(b, off, len);
      } catch (IOException | RuntimeException | LinkageError e) {
        throw rethrow(e);
      }
    }

    private RuntimeException rethrow(Throwable e) {
      if (e instanceof UserInputException) {
        return (UserInputException) e;
      }
      return failure(file, what, compression, raw, e);
    }

    @Override
    public void close() throws IOException {
      decoder.close();
    }
  }
}
