package dev.rdmaforge.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A decompressed stream that may not grow beyond a bound: archive libraries read headers and names
 * before rdmaforge sees an entry, so a payload that expands without end (a decompression bomb) is
 * stopped here, with the caller's error naming the file and what to do.
 */
public final class CappedInputStream extends InputStream {
  private final InputStream in;
  private final long cap;
  private final Supplier<? extends RuntimeException> tooLarge;
  private long count;

  /**
   * A stream reading {@code in} that throws {@code tooLarge}'s exception once more than {@code
   * cap} bytes were read.
   */
  public CappedInputStream(InputStream in, long cap,
      Supplier<? extends RuntimeException> tooLarge) {
    this.in = in;
    this.cap = cap;
    this.tooLarge = tooLarge;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
      if (count > cap) {
        throw tooLarge.get();
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
