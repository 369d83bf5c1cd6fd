package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A decompressed payload that may not grow beyond a bound: archive headers and names are read by
 * the archive libraries before rdmaforge sees an entry, so a payload that expands without end (a
 * decompression bomb) is stopped here, at a size no honest payload of this package reaches.
 */
final class CappedInput extends InputStream {
  private final Path file;
  private final String what;
  private final InputStream in;
  private final long cap;
  private long count;

  CappedInput(Path file, String what, InputStream in, long cap) {
    this.file = file;
    this.what = what;
    this.in = in;
    this.cap = cap;
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
        throw PackageProblems.of(file, what + " expands to more than " + cap + " bytes, more"
            + " than its files can take", PackageProblems.DAMAGED + "; " + PackageProblems.HOSTILE);
      }
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
