package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.StringTokenizer;

/**
 * Loads the kernel's own exports into depmod's symbol table: Module.symvers ({@code -E}: only
 * lines whose third field is exactly {@code vmlinux}, with their CRC) or System.map ({@code -F}:
 * {@code __ksymtab_} symbols, CRC 0), then kmod's fake symbols.
 */
final class KernelSymbols {
  private KernelSymbols() {}

  static void loadSymvers(String file, TreeView view, SymbolTable symbols, DepmodLog log)
      throws IOException {
    byte[] content = Files.readAllBytes(view.physical(file));
    int lineNumber = 0;
    for (String line : lines(content)) {
      lineNumber++;
      // strtok on " \t" only: a newline stays part of the last word, as in kmod.
      StringTokenizer words = new StringTokenizer(line, " \t");
      String ver = words.hasMoreTokens() ? words.nextToken() : null;
      String sym = words.hasMoreTokens() ? words.nextToken() : null;
      String where = words.hasMoreTokens() ? words.nextToken() : null;
      if (ver == null || sym == null || where == null || !where.equals("vmlinux")) {
        continue;
      }
      Long crc = parseHex(ver);
      if (crc == null) {
        log.log(
            Level.ERROR,
            file + ":" + lineNumber + " Invalid symbol version " + ver + ": Success\n");
        continue;
      }
      symbols.add(sym, false, crc, null);
    }
    addFakeSymbols(symbols);
  }

  static void loadSystemMap(
      String file, TreeView view, char prefix, SymbolTable symbols, DepmodLog log)
      throws IOException {
    byte[] content = Files.readAllBytes(view.physical(file));
    int lineNumber = 0;
    for (String line : lines(content)) {
      lineNumber++;
      int first = line.indexOf(' ');
      int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
      if (second < 0) {
        log.log(Level.ERROR, file + ":" + lineNumber + ": invalid line: " + line + "\n");
        continue;
      }
      String p = line.substring(second + 1);
      if (!p.isEmpty() && p.charAt(0) == prefix) {
        p = p.substring(1);
      }
      if (!p.startsWith("__ksymtab_")) {
        continue;
      }
      int nl = p.indexOf('\n');
      if (nl >= 0) {
        p = p.substring(0, nl);
      }
      symbols.add(p.substring("__ksymtab_".length()), true, 0, null);
    }
    addFakeSymbols(symbols);
  }

  private static void addFakeSymbols(SymbolTable symbols) {
    symbols.add("__this_module", true, 0, null); // inserted by the kernel's loader
    symbols.add("_GLOBAL_OFFSET_TABLE_", true, 0, null); // faked up on S390
    if (!symbols.contains("TOC.")) {
      symbols.add("TOC.", true, 0, null); // PowerPC64 ABIv2
    }
  }

  /** Lines as fgets returns them: each with its newline, the last one possibly without. */
  private static java.util.List<String> lines(byte[] content) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        out.add(cString(content, start, i + 1));
        start = i + 1;
      }
    }
    if (start < content.length) {
      out.add(cString(content, start, content.length));
    }
    return out;
  }

  private static String cString(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        to = i;
        break;
      }
    }
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** strtoull(s, &end, 16) that must consume the whole word; null where kmod reports an error. */
  static Long parseHex(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    // A "0x" prefix counts only when a hex digit follows it, as in strtoull.
    if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
        && Character.digit(s.charAt(i + 2), 16) >= 0) {
      i += 2;
    }
    int digitsStart = i;
    long value = 0;
    boolean overflow = false;
    while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
      int d = Character.digit(s.charAt(i), 16);
      if (Long.compareUnsigned(value, 0x0fffffffffffffffL) > 0) {
        overflow = true;
      }
      value = (value << 4) | d;
      i++;
    }
    if (i == digitsStart || i != n) {
      return null;
    }
    if (overflow) {
      value = -1L; // ULLONG_MAX
    }
    return negative ? -value : value;
  }
}
