package dev.rdmaforge.pkg.repo;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.rdmaforge.pkg.DigestAlgorithm;
import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.report.UserInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A metadata file opened for reading: decompressed in a stream, its decompressed size capped and
 * its decompressed checksum computed on the way, so that {@link #finish()} can compare them with
 * what repomd.xml states. Decoder failures become {@link UserInputException}s at the byte offset
 * the decoder had reached in the compressed file.
 */
final class MetadataInput extends InputStream {
  /** The most a metadata file may expand, as a multiple of its compressed size plus 1 MiB. */
  static final long MAX_EXPANSION = 1024;
  /** The xz decoder's memory limit in KiB (xz -9 needs 65 MiB). */
  private static final int XZ_MEMORY_KIB = 256 * 1024;

  private final Path file;
  private final MetadataCompression compression;
  private final CountingInput raw;
  private final InputStream decoded;
  private final MessageDigest openDigest;
  private final DigestAlgorithm openAlgorithm;
  private final long cap;
  private long count;

  private MetadataInput(Path file, MetadataCompression compression, CountingInput raw,
      InputStream decoded, DigestAlgorithm openAlgorithm, long cap) {
    this.file = file;
    this.compression = compression;
    this.raw = raw;
    this.decoded = decoded;
    this.openAlgorithm = openAlgorithm;
    this.openDigest = openAlgorithm == null ? null : Digests.digest(openAlgorithm);
    this.cap = cap;
  }

  /**
   * Opens {@code file} compressed with {@code compression}.
   *
   * @param openAlgorithm the algorithm of the decompressed checksum to compute, or null
   * @param openSize the decompressed size the metadata states, if it states one (it caps the
   *     stream)
   */
  static MetadataInput open(Path file, MetadataCompression compression,
      DigestAlgorithm openAlgorithm, OptionalLong openSize) {
    try {
      long size = Files.size(file);
      CountingInput raw = new CountingInput(Files.newInputStream(file));
      try {
        return open(file, compression, raw, size, openAlgorithm, openSize);
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file; the repository metadata names it:"
          + " copy the whole repository, or regenerate its metadata", e);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); check the"
          + " file", e);
    }
  }

  private static MetadataInput open(Path file, MetadataCompression compression,
      CountingInput raw, long size, DigestAlgorithm openAlgorithm, OptionalLong openSize)
      throws IOException {
    byte[] head = new byte[8];
    BufferedInputStream buffered = new BufferedInputStream(raw, 65536);
    buffered.mark(head.length);
    int n = buffered.readNBytes(head, 0, head.length);
    buffered.reset();
    compression.checkMagic(file, head, n);
    long cap = openSize.isPresent() ? openSize.getAsLong()
        : Math.min(Long.MAX_VALUE / 2, size * MAX_EXPANSION + (1 << 20));
    InputStream decoded;
    try {
      decoded = decoder(compression, buffered);
    } catch (IOException | RuntimeException e) {
      throw failure(file, compression, raw.count, e);
    }
    return new MetadataInput(file, compression, raw, decoded, openAlgorithm, cap);
  }

  private static InputStream decoder(MetadataCompression compression, InputStream in)
      throws IOException {
    switch (compression) {
      case NONE:
        return in;
      case GZIP:
        return new GZIPInputStream(in, 65536);
      case ZSTD:
        return new ZstdInputStreamNoFinalizer(in);
      case XZ:
        return new XZInputStream(in, XZ_MEMORY_KIB);
      case BZIP2:
        return new BZip2CompressorInputStream(in, true);
      default:
        throw new IllegalStateException("unhandled " + compression);
    }
  }

  private static UserInputException failure(
      Path file, MetadataCompression compression, long offset, Throwable e) {
    String name = compression.name().toLowerCase(Locale.ROOT);
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    // GZIPInputStream and xz throw EOFException, zstd-jni says "truncated", bzip2 "unexpected end".
    String why = e instanceof EOFException || message.contains("truncated")
        || message.contains("unexpected end")
        ? "the " + name + " stream ends before its end marker (truncated)"
        : "the " + name + " stream cannot be decompressed (" + e.getMessage() + ")";
    return new UserInputException(file + ": byte " + offset + ": " + why + "; the file is"
        + " damaged or incomplete: copy it again or regenerate the repository metadata", e);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    int n;
    try {
      n = decoded.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserInputException) {
        throw (UserInputException) e;
      }
      throw failure(file, compression, raw.count, e);
    }
    if (n > 0) {
      count += n;
      if (count > cap) {
        throw new UserInputException(file + ": decompresses to more than " + cap + " bytes"
            + " (the size repomd.xml states, or " + MAX_EXPANSION + " times the file); the file"
            + " is damaged or built to exhaust memory: regenerate the repository metadata");
      }
      if (openDigest != null) {
        openDigest.update(b, off, n);
      }
    }
    return n;
  }

  /** The decompressed bytes read so far. */
  long decompressedSize() {
    return count;
  }

  /**
   * Reads what the parser left (trailing blanks) and returns the decompressed checksum, when one
   * was asked for.
   */
  Optional<FileDigest> finish() {
    byte[] buffer = new byte[8192];
    while (read(buffer, 0, buffer.length) > 0) {
      // drain: the checksum covers the whole file
    }
    return openDigest == null ? Optional.empty()
        : Optional.of(Digests.value(openAlgorithm, openDigest));
  }

  @Override
  public void close() throws IOException {
    decoded.close();
  }

  /** Counts the compressed bytes the decoder has taken, for error offsets. */
  private static final class CountingInput extends InputStream {
    private final InputStream in;
    private long count;

    CountingInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int c = in.read();
      if (c >= 0) {
        count++;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
