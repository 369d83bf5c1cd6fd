package dev.rdmaforge.kernel.keys;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Decompresses a bzImage payload into exactly the number of bytes its last four bytes announce.
 * Only the first stream is read: what follows it is the appended size, not another stream.
 */
final class PayloadDecompressor {
  /** Far above any real kernel (Debian's are 58-66 MB decompressed). */
  private static final long MAX_IMAGE = 1L << 30;

  private PayloadDecompressor() {}

  /** A byte array stream that can tell how far a decoder got, for error messages. */
  private static final class Counting extends ByteArrayInputStream {
    Counting(byte[] data, int length) {
      super(data, 0, length);
    }

    int position() {
      return pos;
    }
  }

  /**
   * Decompresses {@code payload} (all of it, appended size included).
   *
   * @param file the image, for messages
   * @param payloadStart where the payload starts in the file, for messages
   */
  static byte[] decompress(Path file, byte[] payload, long payloadStart,
      KernelCompression compression) {
    long expected = BzImageHeader.u32(payload, payload.length - 4);
    if (expected == 0 || expected > MAX_IMAGE) {
      throw new UserInputException(file + ": byte " + (payloadStart + payload.length - 4)
          + ": the payload's size field says " + expected + " bytes, which is no kernel: the"
          + " image is damaged; copy it again from the kernel package");
    }
    if (compression == KernelCompression.LZO) {
      throw new UserInputException(file + ": byte " + payloadStart + ": the kernel payload is"
          + " LZO-compressed, which rdmaforge cannot decompress: unpack it with"
          + " scripts/extract-vmlinux and give the vmlinux instead, or give the kernel's"
          + " certificates with --trusted-cert (e.g. certs/signing_key.x509 of its build)");
    }
    byte[] out = new byte[(int) expected];
    if (compression == KernelCompression.LZ4) {
      Lz4LegacyFrame.decompress(file, payload, payloadStart, out);
      return out;
    }
    // gzip's own trailer holds the size; every other compressor had it appended after the stream.
    int streamLength = compression == KernelCompression.GZIP ? payload.length : payload.length - 4;
    Counting source = new Counting(payload, streamLength);
    int filled = 0;
    try (InputStream in = open(compression, source)) {
      while (filled < out.length) {
        int read = in.read(out, filled, out.length - filled);
        if (read < 0) {
          break;
        }
        filled += read;
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new UserInputException(file + ": byte " + (payloadStart + source.position())
          + ": the " + compression.name().toLowerCase(java.util.Locale.ROOT) + " payload cannot"
          + " be decompressed (" + e.getMessage() + "): the image is damaged; copy it again"
          + " from the kernel package", e);
    }
    if (filled < out.length) {
      throw new UserInputException(file + ": byte " + (payloadStart + source.position())
          + ": the payload ends after " + filled + " of the " + out.length + " bytes its size"
          + " field announces: the image is truncated; copy it again from the kernel package");
    }
    return out;
  }

  @SuppressWarnings("resource") // closing the decoder closes the source
  private static InputStream open(KernelCompression compression, InputStream source)
      throws IOException {
    switch (compression) {
      case GZIP:
        return new GzipCompressorInputStream(source); // the first member only
      case BZIP2:
        return new BZip2CompressorInputStream(source, false);
      case LZMA:
        return new LZMAInputStream(source, -1);
      case XZ:
        return new SingleXZInputStream(source, -1);
      case ZSTD:
        return new ZstdInputStreamNoFinalizer(source);
      default:
        throw new IllegalArgumentException("no stream decoder for " + compression);
    }
  }
}
