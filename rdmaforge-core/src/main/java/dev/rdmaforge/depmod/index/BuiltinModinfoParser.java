package dev.rdmaforge.depmod.index;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.report.UserInputException;
import java.util.List;

/**
 * depmod's {@code output_builtin_alias_bin} loop over modules.builtin.modinfo, a sequence of
 * NUL-terminated {@code modname.key=value} records. It reads the stream with {@code
 * flush_stream_to}, byte by byte, and this class keeps each of its quirks, because they decide
 * which aliases reach the index:
 *
 * <ul>
 *   <li>the module name ends at the first {@code .}; a record with no {@code .} before its NUL is
 *       skipped;
 *   <li>the key ends at the first {@code =}; if the record has none, the key read stops at the
 *       record's NUL, the key is not {@code alias}, and depmod then skips to the <em>next</em> NUL,
 *       swallowing the following record too;
 *   <li>only {@code alias} keys count; an empty value, or a last record without its NUL, is
 *       skipped;
 *   <li>each field is read into a 4096-byte buffer: a longer field prints {@code Could not flush
 *       stream: 28. Partial content: ...}, keeps 4095 bytes, and loses the byte after the
 *       buffer;
 *   <li>the alias is normalised ({@link KmodNames#normalizeAlias}); a bad bracket prints {@code
 *       Unmatched bracket in <value>} and skips it; otherwise {@code alias -> modname} goes in at
 *       priority 0, the module name as it is (no {@code -} to {@code _}).
 * </ul>
 */
final class BuiltinModinfoParser {
  private static final int ENOSPC = 28;
  private static final int EOF = -1;

  private final byte[] data;
  private final String fileName;
  private final List<DepmodMessage> messages;
  private final KmodIndex index = new KmodIndex();
  private final byte[] field = new byte[KmodNames.PATH_MAX];
  private int pos;
  private boolean eof;

  BuiltinModinfoParser(byte[] data, String fileName, List<DepmodMessage> messages) {
    this.data = data;
    this.fileName = fileName;
    this.messages = messages;
  }

  KmodIndex parse() {
    while (!eof) {
      int recordStart = pos;
      int len = readTo('.');
      if (len == 0) {
        continue;
      }
      String modname = Latin1.string(field, 0, len);
      len = readTo('=');
      if (!"alias".equals(Latin1.string(field, 0, len))) {
        skipTo(0);
        continue;
      }
      len = readTo(0);
      if (len == 0) {
        continue;
      }
      String value = Latin1.string(field, 0, len);
      var alias = KmodNames.normalizeAlias(value);
      if (alias.isEmpty()) {
        messages.add(
            new DepmodMessage(DepmodLog.Level.WARNING, "Unmatched bracket in " + value + "\n"));
        continue;
      }
      try {
        index.insert(alias.get(), modname, 0);
      } catch (IllegalArgumentException e) {
        throw new UserInputException(
            fileName + ": byte offset " + recordStart + ": " + e.getMessage(), e);
      }
    }
    return index;
  }

  private int getc() {
    if (pos < data.length) {
      return data[pos++] & 0xFF;
    }
    eof = true;
    return EOF;
  }

  /** kmod's {@code flush_stream_to}: the field's length if it ended with {@code end}, else 0. */
  private int readTo(int end) {
    int i = 0;
    int c;
    // The bound is tested after getc(), so the byte read when the buffer is full is lost.
    for (c = getc(); c != EOF && c != end && c != 0 && i < field.length; c = getc()) {
      field[i++] = (byte) c;
    }
    if (i == field.length) {
      messages.add(
          new DepmodMessage(
              DepmodLog.Level.WARNING,
              "Could not flush stream: "
                  + ENOSPC
                  + ". Partial content: "
                  + Latin1.string(field, 0, field.length)
                  + "\n"));
      i--;
    }
    return c == end ? i : 0;
  }

  /** kmod's {@code flush_stream}: skips to just after the next {@code end} or NUL. */
  private void skipTo(int end) {
    int c = getc();
    while (c != EOF && c != end && c != 0) {
      c = getc();
    }
  }
}
