package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads concatenated {@code newc} ({@code 070701}) and {@code crc} ({@code 070702}) archives from
 * one stream with the state machine of the kernel's {@code init/initramfs.c}: a header, the name
 * padded to 4 bytes, the data padded to 4 bytes, until {@code TRAILER!!!}; then zero bytes are
 * skipped and a {@code '0'} at a 4-byte aligned position starts the next archive.
 */
final class CpioStreamReader {
  static final String TRAILER = "TRAILER!!!";
  private static final int HEADER = 110;
  private static final int PATH_MAX = 4096;

  /** Turns a position in this stream into the words of an error message. */
  interface Place {
    String describe(long position);
  }

  private final InputStream in;
  private final String file;
  private final Place place;
  private final InitramfsLimits limits;
  private final EntrySink sink;
  private final int segment;
  private final int[] entryCount;
  private final byte[] skipBuffer = new byte[1 << 16];
  private long position;
  private int peeked = -2; // -2: nothing peeked; -1: end of stream; else the byte
  private int entries;

  /**
   * @param entryCount shared count of entries across segments, element 0 (for the limit)
   */
  CpioStreamReader(InputStream in, String file, Place place, InitramfsLimits limits,
      EntrySink sink, int segment, int[] entryCount) {
    this.in = in;
    this.file = file;
    this.place = place;
    this.limits = limits;
    this.sink = sink;
    this.segment = segment;
    this.entryCount = entryCount;
  }

  /** Bytes of the stream consumed so far. */
  long position() {
    return position;
  }

  /** Entries read so far (trailers not counted). */
  int entries() {
    return entries;
  }

  /**
   * Reads one archive up to and including its trailer: the uncompressed case, where the outer
   * loop looks at what follows.
   */
  void readOneArchive() throws IOException {
    while (readEntry()) {
      // until the trailer
    }
  }

  /**
   * Reads archives until the stream ends: the decompressed case. Between archives only zero
   * padding is allowed; the stream must end after a trailer (and padding).
   */
  void readAllArchives() throws IOException {
    while (true) {
      readOneArchive();
      int c;
      while ((c = peek()) == 0) {
        next();
      }
      if (c < 0) {
        return;
      }
      if (c != '0') {
        throw error(position, "junk within compressed archive (byte 0x"
            + Integer.toHexString(c) + " after a trailer)");
      }
      if ((position & 3) != 0) {
        throw error(position, "broken padding: the next archive does not start at a multiple"
            + " of 4 bytes");
      }
    }
  }

  /** Reads one entry; false after the trailer. */
  private boolean readEntry() throws IOException {
    long start = position;
    byte[] header = new byte[HEADER];
    readFully(header, start, "a cpio header");
    String magic = new String(header, 0, 6, StandardCharsets.US_ASCII);
    if (magic.equals("070707")) {
      throw error(start, "incorrect cpio method used: this is the old portable format; the kernel"
          + " reads only newc (cpio -H newc)");
    }
    if (!magic.equals("070701") && !magic.equals("070702")) {
      throw error(start, "no cpio magic: expected 070701 or 070702, found '"
          + printable(header, 6) + "'");
    }
    long ino = hex(header, 0, start);
    long mode = hex(header, 1, start);
    long nlink = hex(header, 4, start);
    long fileSize = hex(header, 6, start);
    long devMajor = hex(header, 7, start);
    long devMinor = hex(header, 8, start);
    long nameSize = hex(header, 11, start);
    if (nameSize == 0 || nameSize > PATH_MAX) {
      throw error(start, "name size " + nameSize + " is outside 1.." + PATH_MAX);
    }
    byte[] nameBytes = new byte[(int) nameSize];
    readFully(nameBytes, start, "the entry's name");
    // The name is NUL-terminated; like the kernel, stop at the first NUL.
    String name =
        new String(nameBytes, 0, indexOfNul(nameBytes, nameBytes.length), StandardCharsets.UTF_8);
    skipPadding(start);
    if (name.equals(TRAILER)) {
      skipExactly(fileSize, start); // a trailer has no data, but tolerate it as the kernel does
      skipPadding(start);
      return false;
    }
    EntryType type = EntryType.of(mode);
    if (type == null) {
      throw error(start, "entry '" + name + "' has mode 0" + Long.toOctalString(mode)
          + ", which is no file type");
    }
    if (type == EntryType.SYMLINK && fileSize > PATH_MAX) {
      throw error(start, "symbolic link '" + name + "' has a " + fileSize
          + "-byte target; the limit is " + PATH_MAX);
    }
    if (++entryCount[0] > limits.maxEntries()) {
      throw error(start, "more than " + limits.maxEntries() + " entries");
    }
    entries++;
    CpioHeader h = new CpioHeader(name, mode, ino, devMajor, devMinor, nlink, fileSize, start);
    BoundedContent content = new BoundedContent(fileSize, start);
    sink.entry(segment, h, content);
    content.drain();
    skipPadding(start);
    return true;
  }

  private static int indexOfNul(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return len;
  }

  private long hex(byte[] header, int field, long start) {
    int from = 6 + field * 8;
    long value = 0;
    for (int i = from; i < from + 8; i++) {
      int d = Character.digit(header[i], 16);
      if (d < 0) {
        throw error(start + i, "cpio header field " + (field + 1) + " is not hexadecimal: '"
            + printable(java.util.Arrays.copyOfRange(header, from, from + 8), 8) + "'");
      }
      value = value * 16 + d;
    }
    return value;
  }

  private static String printable(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      int c = b[i] & 0xff;
      s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return s.toString();
  }

  private void skipPadding(long start) throws IOException {
    while ((position & 3) != 0) {
      if (next() < 0) {
        throw error(position, "the archive ends inside the padding of the entry at "
            + place.describe(start));
      }
    }
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }

  private int next() throws IOException {
    int c = peek();
    peeked = -2;
    if (c >= 0) {
      position++;
    }
    return c;
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (peeked != -2) {
      int c = next();
      if (c < 0) {
        return -1;
      }
      b[off] = (byte) c;
      return 1;
    }
    int n = in.read(b, off, len);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  private void readFully(byte[] b, long start, String what) throws IOException {
    int done = 0;
    while (done < b.length) {
      int n = read(b, done, b.length - done);
      if (n < 0) {
        throw error(position, "the archive is truncated: it ends inside " + what
            + " of the entry at " + place.describe(start));
      }
      done += n;
    }
  }

  private void skipExactly(long n, long start) throws IOException {
    long left = n;
    while (left > 0) {
      int r = read(skipBuffer, 0, (int) Math.min(left, skipBuffer.length));
      if (r < 0) {
        throw error(position, "the archive is truncated: the data of the entry at "
            + place.describe(start) + " needs " + n + " bytes");
      }
      left -= r;
    }
  }

  private UserInputException error(long at, String what) {
    return new UserInputException(file + ": at " + place.describe(at) + ": " + what
        + "; the initramfs is damaged or not one: regenerate it (update-initramfs -u -k KVER,"
        + " dracut -f --kver KVER) or check the path");
  }

  /** The data of one entry: exactly {@code size} bytes of the stream. */
  private final class BoundedContent extends InputStream {
    private final long size;
    private final long start;
    private long left;

    BoundedContent(long size, long start) {
      this.size = size;
      this.start = start;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = CpioStreamReader.this.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw error(position, "the archive is truncated: the data of the entry at "
            + place.describe(start) + " needs " + size + " bytes, " + left + " are missing");
      }
      left -= n;
      return n;
    }

    void drain() throws IOException {
      skipExactly(left, start);
      left = 0;
    }
  }
}
