package dev.rdmaforge.image.initramfs;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Enumeration;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Opens one compressed segment of an initramfs held in memory and, once its output has been read
 * to the end, says how many input bytes it used, as the kernel's decompressors report through
 * {@code posp}: the next segment (or zero padding) starts right after.
 */
abstract class SegmentDecoder extends InputStream {
  protected final byte[] data;
  protected final int start;

  SegmentDecoder(byte[] data, int start) {
    this.data = data;
    this.start = start;
  }

  /** Input bytes used; valid once {@link #read} returned -1. */
  abstract long consumed();

  static SegmentDecoder open(InitramfsCompression compression, byte[] data, int start)
      throws IOException {
    switch (compression) {
      case GZIP:
        return new Gzip(data, start);
      case XZ:
        return new Counted(data, start) {
          @Override
          InputStream decoder(InputStream counted) throws IOException {
            // One stream with its check verified, as the kernel's XZ_SINGLE mode reads it.
            return new SingleXZInputStream(counted, -1, true);
          }
        }.init();
      case LZMA:
        return new Counted(data, start) {
          @Override
          InputStream decoder(InputStream counted) throws IOException {
            return new LZMAInputStream(counted, -1);
          }
        }.init();
      case BZIP2:
        return new Counted(data, start) {
          @Override
          InputStream decoder(InputStream counted) throws IOException {
            return new BZip2CompressorInputStream(counted, false);
          }
        }.init();
      case ZSTD:
        return new ZstdFrames(data, start);
      case LZ4_LEGACY:
        return new Lz4Legacy(data, start);
      default:
        throw new IllegalArgumentException(compression.name());
    }
  }

  /** Decoders that read their input byte-exactly: consumption is what they pulled. */
  abstract static class Counted extends SegmentDecoder {
    private final Counter counter;
    private InputStream decoder;

    Counted(byte[] data, int start) {
      super(data, start);
      this.counter = new Counter(data, start);
    }

    abstract InputStream decoder(InputStream counted) throws IOException;

    SegmentDecoder init() throws IOException {
      decoder = decoder(counter);
      return this;
    }

    @Override
    public int read() throws IOException {
      return decoder.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return decoder.read(b, off, len);
    }

    @Override
    long consumed() {
      return counter.pos - start;
    }
  }

  /** A view of the array from {@code start} that remembers how far it was read. */
  static final class Counter extends InputStream {
    private final byte[] data;
    int pos;

    Counter(byte[] data, int start) {
      this.data = data;
      this.pos = start;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(len, data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /**
   * One gzip member (RFC 1952): header, raw deflate, CRC-32 and size checked. Written out because
   * the JDK's and commons-compress's streams read ahead or go on to the next member, and the
   * kernel treats what follows as the next segment.
   */
  static final class Gzip extends SegmentDecoder {
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int pos;
    private long outSize;
    private boolean done;

    Gzip(byte[] data, int start) throws IOException {
      super(data, start);
      pos = start;
      need(10);
      if ((data[pos + 2] & 0xff) != 8) {
        throw new IOException("gzip compression method " + (data[pos + 2] & 0xff)
            + " is not deflate");
      }
      int flags = data[pos + 3] & 0xff;
      pos += 10;
      if ((flags & 4) != 0) { // FEXTRA
        need(2);
        int xlen = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        need(xlen);
        pos += xlen;
      }
      if ((flags & 8) != 0) { // FNAME
        skipZeroTerminated();
      }
      if ((flags & 16) != 0) { // FCOMMENT
        skipZeroTerminated();
      }
      if ((flags & 2) != 0) { // FHCRC
        need(2);
        pos += 2;
      }
      inflater.setInput(data, pos, data.length - pos);
    }

    private void need(int n) throws EOFException {
      if (pos + (long) n > data.length) {
        throw new EOFException("the gzip header is truncated");
      }
    }

    private void skipZeroTerminated() throws EOFException {
      while (pos < data.length && data[pos] != 0) {
        pos++;
      }
      need(1);
      pos++;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      try {
        while (true) {
          int n = inflater.inflate(b, off, len);
          if (n > 0) {
            crc.update(b, off, n);
            outSize += n;
            return n;
          }
          if (inflater.finished()) {
            finish();
            return -1;
          }
          if (inflater.needsInput()) {
            throw new EOFException("the gzip data is truncated");
          }
          if (inflater.needsDictionary()) {
            throw new IOException("the gzip data asks for a preset dictionary");
          }
        }
      } catch (DataFormatException e) {
        throw new IOException("the gzip data is corrupt: " + e.getMessage(), e);
      }
    }

    private void finish() throws IOException {
      done = true;
      pos = data.length - inflater.getRemaining();
      inflater.end();
      need(8);
      long storedCrc = le32(data, pos);
      long storedSize = le32(data, pos + 4);
      pos += 8;
      if (storedCrc != crc.getValue()) {
        throw new IOException("the gzip CRC-32 does not match the data");
      }
      if (storedSize != (outSize & 0xffffffffL)) {
        throw new IOException("the gzip size field does not match the data");
      }
    }

    @Override
    long consumed() {
      return pos - start;
    }

    @Override
    public void close() {
      inflater.end();
    }
  }

  static long le32(byte[] b, int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16
        | (b[p + 3] & 0xffL) << 24;
  }

  /**
   * Consecutive zstd frames (skippable ones included); each frame's extent comes from its own
   * headers, so the input is never over-read.
   */
  static final class ZstdFrames extends SegmentDecoder {
    private final SequenceInputStream frames;
    private int pos;

    ZstdFrames(byte[] data, int start) {
      super(data, start);
      this.pos = start;
      this.frames = new SequenceInputStream(new Enumeration<InputStream>() {
        @Override
        public boolean hasMoreElements() {
          return pos + 4 <= data.length && isFrame(le32(data, pos));
        }

        @Override
        public InputStream nextElement() {
          if (!hasMoreElements()) {
            throw new NoSuchElementException();
          }
          long size;
          try {
            size = Zstd.findFrameCompressedSize(data, pos);
          } catch (RuntimeException e) {
            return failing(new EOFException("the zstd frame is truncated or corrupt ("
                + e.getMessage() + ")"));
          }
          if (size <= 0 || pos + size > data.length) {
            return failing(new EOFException("the zstd frame is truncated"));
          }
          int from = pos;
          pos += (int) size;
          try {
            return new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(data, from, (int) size));
          } catch (IOException e) {
            return failing(e);
          }
        }
      });
    }

    private static boolean isFrame(long magic) {
      return magic == 0xfd2fb528L || (magic & 0xfffffff0L) == 0x184d2a50L;
    }

    @Override
    public int read() throws IOException {
      return frames.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return frames.read(b, off, len);
    }

    @Override
    long consumed() {
      return pos - start;
    }
  }

  /**
   * lz4's legacy format as the kernel's {@code decompress_unlz4.c} reads it: the magic {@code
   * 0x184C2102}, then blocks each preceded by their little-endian compressed size (at most 8 MiB
   * of output each). The format has no end mark: the kernel stops at the end of the input, and
   * this reader also at a zero size (zero padding) or fewer than four bytes left; a repeated
   * magic (concatenated files) is skipped.
   */
  static final class Lz4Legacy extends SegmentDecoder {
    private static final long MAGIC = 0x184c2102L;
    private static final int MAX_BLOCK = 8 << 20;
    private final SequenceInputStream blocks;
    private int pos;

    Lz4Legacy(byte[] data, int start) throws IOException {
      super(data, start);
      if (start + 4 > data.length || le32(data, start) != MAGIC) {
        throw new IOException("the lz4 data is not in the legacy format the kernel reads"
            + " (lz4 -l); magic 0x" + Long.toHexString(start + 4 <= data.length
                ? le32(data, start) : 0));
      }
      pos = start + 4;
      this.blocks = new SequenceInputStream(new Enumeration<InputStream>() {
        @Override
        public boolean hasMoreElements() {
          while (pos + 4 <= data.length && le32(data, pos) == MAGIC) {
            pos += 4;
          }
          return pos + 4 <= data.length && le32(data, pos) != 0;
        }

        @Override
        public InputStream nextElement() {
          if (!hasMoreElements()) {
            throw new NoSuchElementException();
          }
          long size = le32(data, pos);
          if (size > MAX_BLOCK + MAX_BLOCK / 255 + 16 || pos + 4 + size > data.length) {
            return failing(new EOFException("the lz4 block at byte " + pos + " says " + size
                + " bytes, more than the data holds or a block can be"));
          }
          int from = pos + 4;
          pos = from + (int) size;
          return new BlockLZ4CompressorInputStream(
              new ByteArrayInputStream(data, from, (int) size));
        }
      });
    }

    @Override
    public int read() throws IOException {
      return blocks.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return blocks.read(b, off, len);
    }

    @Override
    long consumed() {
      return pos - start;
    }
  }

  private static InputStream failing(IOException e) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw e;
      }
    };
  }
}
