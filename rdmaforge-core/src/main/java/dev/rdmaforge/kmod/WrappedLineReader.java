package dev.rdmaforge.kmod;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * kmod's {@code freadline_wrapped} over the bytes of one file: a backslash before a newline joins
 * the next physical line, a backslash before any other byte is dropped (the byte kept), a backslash
 * at the end of the file becomes byte 0xff (C's EOF stored as a char), and a line is a C string, so
 * it ends at its first NUL. The line number counts physical lines, as kmod reports it. Both
 * depmod.d and modprobe.d files are read this way.
 */
public final class WrappedLineReader {
  private final byte[] data;
  private int pos;
  private int lineNumber;

  /** Reads {@code data}, the whole file. */
  public WrappedLineReader(byte[] data) {
    this.data = data;
  }

  /** The physical line the last logical line ended on (1-based). */
  public int lineNumber() {
    return lineNumber;
  }

  /** The next logical line, one char per byte, or null at the end of the file. */
  public String next() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int consumed = 0;
    while (true) {
      int ch = read();
      if (ch < 0 && buf.size() == 0) {
        return null; // kmod: EOF with nothing read ends the file, even after a joined newline
      }
      if (ch < 0 || ch == '\n') {
        consumed++;
        break;
      }
      if (ch == '\\') {
        ch = read();
        if (ch == '\n') {
          consumed++;
          continue;
        }
        buf.write(ch < 0 ? 0xff : ch);
        continue;
      }
      buf.write(ch);
    }
    lineNumber += consumed;
    String line = buf.toString(StandardCharsets.ISO_8859_1);
    int nul = line.indexOf('\0');
    return nul >= 0 ? line.substring(0, nul) : line;
  }

  private int read() {
    return pos < data.length ? data[pos++] & 0xff : -1;
  }
}
