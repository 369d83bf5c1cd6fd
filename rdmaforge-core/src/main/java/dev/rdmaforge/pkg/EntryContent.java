package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The content of one archive entry: exactly the declared number of bytes, no more (the archive's
 * next header follows) and no fewer (a truncated archive is an error, not a short file). When the
 * last byte has been read the digest is compared with the package's record.
 */
final class EntryContent extends InputStream {
  private final Path file;
  private final PackagedFile entry;
  private final InputStream archive;
  private final MessageDigest digest;
  private long left;
  private boolean verified;

  /**
   * @param archive the archive stream positioned at the entry's data (cpio or tar entry stream)
   * @param verify whether to check the digest (false when only listing)
   */
  EntryContent(Path file, PackagedFile entry, long size, InputStream archive, boolean verify) {
    this.file = file;
    this.entry = entry;
    this.archive = archive;
    this.left = size;
    this.digest = verify && entry.digest().isPresent()
        ? RpmReader.digest(entry.digest().get().algorithm().javaName()) : null;
  }

  /** An empty content, for entries that are not regular files. */
  static InputStream empty() {
    return InputStream.nullInputStream();
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (left == 0) {
      verify();
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = archive.read(b, off, (int) Math.min(len, left));
    } catch (IOException e) {
      throw PackageProblems.atEntry(file, entry.path(), "its content cannot be read ("
          + e.getMessage() + ")", PackageProblems.DAMAGED, e);
    }
    if (n < 0) {
      throw PackageProblems.atEntry(file, entry.path(), "the payload ends " + left
          + " bytes before the end of this file (truncated)", PackageProblems.DAMAGED);
    }
    if (digest != null) {
      digest.update(b, off, n);
    }
    left -= n;
    if (left == 0) {
      verify();
    }
    return n;
  }

  /** Reads what the caller left, so that the archive can go on and the digest is checked. */
  void drain() {
    byte[] buffer = new byte[65536];
    while (read(buffer, 0, buffer.length) >= 0) {
      // discard
    }
  }

  private void verify() {
    if (verified || digest == null) {
      return;
    }
    verified = true;
    String actual = HexFormat.of().formatHex(digest.digest());
    FileDigest expected = entry.digest().get();
    if (!actual.equals(expected.hex())) {
      throw PackageProblems.atEntry(file, entry.path(), "its content has " + expected.algorithm()
          + " " + actual + ", the package records " + expected.hex(), PackageProblems.DAMAGED);
    }
  }
}
