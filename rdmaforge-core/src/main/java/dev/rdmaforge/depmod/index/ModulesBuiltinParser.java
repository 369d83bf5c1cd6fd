package dev.rdmaforge.depmod.index;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.report.UserInputException;
import java.util.List;

/**
 * depmod's {@code output_builtin_bin} loop over modules.builtin: {@code fgets} into a
 * 4096-byte buffer (so a longer line is read as several pieces), each piece taken as a C string
 * (up to its first NUL), rejected with {@code Invalid modules.builtin line} unless it starts with
 * an ASCII letter, and otherwise inserted as {@code path_to_modname(piece) -> ""} at priority 0.
 * The newline stays in the piece: a line without a {@code .} gives a key ending in {@code \n},
 * exactly as depmod's does.
 */
final class ModulesBuiltinParser {
  private final byte[] data;
  private final String fileName;
  private final KmodIndex index = new KmodIndex();
  private final List<DepmodMessage> messages;
  /** depmod's {@code modname} buffer, which keeps its old content when a piece ends with '/'. */
  private String modname;

  ModulesBuiltinParser(byte[] data, String fileName, List<DepmodMessage> messages) {
    this.data = data;
    this.fileName = fileName;
    this.messages = messages;
  }

  KmodIndex parse() {
    int pos = 0;
    while (pos < data.length) {
      int start = pos;
      // fgets: at most 4095 bytes, up to and including a newline.
      while (pos < data.length && pos - start < KmodNames.PATH_MAX - 1) {
        if (data[pos++] == '\n') {
          break;
        }
      }
      int end = start;
      while (end < pos && data[end] != 0) {
        end++;
      }
      String line = Latin1.string(data, start, end);
      if (line.isEmpty() || !isAsciiLetter(line.charAt(0))) {
        messages.add(
            new DepmodMessage(DepmodLog.Level.ERROR, "Invalid modules.builtin line: " + line + "\n"));
        continue;
      }
      // A piece ending in '/' has an empty basename: kmod returns NULL and depmod inserts its
      // buffer's previous content. Before any name that buffer is uninitialised stack memory,
      // so nothing reproducible can be inserted; such a piece is skipped.
      KmodNames.modnameFromPath(line).ifPresent(name -> modname = name);
      if (modname == null) {
        continue;
      }
      try {
        index.insert(modname, "", 0);
      } catch (IllegalArgumentException e) {
        throw new UserInputException(
            fileName + ": byte offset " + start + ": " + e.getMessage(), e);
      }
    }
    return index;
  }

  /** isalpha() in the C locale, which depmod never changes. */
  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
