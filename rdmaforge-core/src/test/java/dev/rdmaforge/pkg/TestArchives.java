package dev.rdmaforge.pkg;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Byte-level writers for the archive formats inside packages, written by hand so that tests can
 * put anything into them (names with {@code ..}, device modes, lying sizes): cpio newc, ustar, ar,
 * and the compressors.
 */
final class TestArchives {
  private TestArchives() {}

  /** Appends one cpio newc entry ({@code 070701}); {@code size} may differ from the data. */
  static void cpio(ByteArrayOutputStream out, String name, long mode, long nlink, long ino,
      long size, byte[] data) {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder("070701");
    long[] fields = {ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, nameBytes.length, 0};
    for (long f : fields) {
      header.append(String.format("%08x", f));
    }
    write(out, header.toString().getBytes(StandardCharsets.US_ASCII));
    write(out, nameBytes);
    pad(out, 4);
    write(out, data);
    pad(out, 4);
  }

  /** The cpio trailer. */
  static void cpioTrailer(ByteArrayOutputStream out) {
    cpio(out, "TRAILER!!!", 0, 1, 0, 0, new byte[0]);
  }

  /**
   * Appends one ustar entry.
   *
   * @param type the type flag ('0' file, '5' dir, '2' symlink, '1' hard link, '3' char device)
   * @param size the size written in the header (may lie)
   */
  static void tar(ByteArrayOutputStream out, String name, char type, int mode, String link,
      long size, byte[] data) {
    byte[] header = new byte[512];
    put(header, 0, 100, name);
    put(header, 100, 8, String.format("%07o", mode));
    put(header, 108, 8, "0000000");
    put(header, 116, 8, "0000000");
    put(header, 124, 12, String.format("%011o", size));
    put(header, 136, 12, "00000000000");
    header[156] = (byte) type;
    put(header, 157, 100, link == null ? "" : link);
    put(header, 257, 6, "ustar");
    put(header, 263, 2, "00");
    put(header, 265, 32, "root");
    put(header, 297, 32, "root");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, 8, String.format("%06o", sum) + "\0 ");
    write(out, header);
    write(out, data);
    pad(out, 512);
  }

  /** The tar end: two zero blocks. */
  static void tarEnd(ByteArrayOutputStream out) {
    write(out, new byte[1024]);
  }

  /** An ar archive of {@code members} (name, data pairs). */
  static byte[] ar(Object... members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "!<arch>\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < members.length; i += 2) {
      String name = (String) members[i];
      byte[] data = (byte[]) members[i + 1];
      String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10s`\n", name, "0", "0", "0",
          "100644", data.length);
      write(out, header.getBytes(StandardCharsets.US_ASCII));
      write(out, data);
      if (data.length % 2 == 1) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  /** {@code data} compressed with {@code compression}. */
  static byte[] compress(PayloadCompression compression, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream c = compressor(compression, out)) {
      c.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static OutputStream compressor(PayloadCompression compression, OutputStream out)
      throws IOException {
    switch (compression) {
      case NONE:
        return out;
      case GZIP:
        return new GZIPOutputStream(out);
      case BZIP2:
        return new BZip2CompressorOutputStream(out);
      case XZ:
        return new XZOutputStream(out, new LZMA2Options());
      case LZMA:
        return new LZMAOutputStream(out, new LZMA2Options(), -1);
      case ZSTD:
        return new ZstdOutputStream(out);
      default:
        throw new IllegalArgumentException(compression.toString());
    }
  }

  private static void put(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
  }

  private static void pad(ByteArrayOutputStream out, int to) {
    while (out.size() % to != 0) {
      out.write(0);
    }
  }

  private static void write(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes, 0, bytes.length);
  }
}
