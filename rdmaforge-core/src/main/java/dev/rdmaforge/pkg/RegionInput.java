package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * The bytes {@code [start, end)} of a file as a stream, read with positional reads so that several
 * regions of one channel can be open at once. Knows its file offset, for error messages, and can
 * feed a digest (RPM's {@code PAYLOADDIGEST} covers the compressed payload).
 */
final class RegionInput extends InputStream {
  private final FileChannel channel;
  private final long end;
  private final MessageDigest digest;
  private long position;

  RegionInput(FileChannel channel, long start, long end, MessageDigest digest) {
    this.channel = channel;
    this.position = start;
    this.end = end;
    this.digest = digest;
  }

  /** The file offset of the next byte. */
  long position() {
    return position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long left = end - position;
    if (left <= 0) {
      return -1;
    }
    int want = (int) Math.min(len, left);
    int n = channel.read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      return -1;
    }
    if (digest != null) {
      digest.update(b, off, n);
    }
    position += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Reads instead of seeking when a digest must see every byte.
    if (digest != null) {
      return super.skip(n);
    }
    long step = Math.max(0, Math.min(n, end - position));
    position += step;
    return step;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
  }
}
