package dev.rdmaforge.kernel;

import dev.rdmaforge.report.UserInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a kernel's export list: {@code Module.symvers} from a headers or kernel-devel tree, or
 * RHEL's {@code /boot/symvers-KVER.gz} (the same lines, gzip-compressed). Each line is {@code
 * CRC<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL[_GPL]<TAB>namespace}; older kernels omit the
 * namespace, and kernels before 5.x put the export type last, so the fields after the module are
 * matched by content rather than position.
 */
public final class SymversFile {
  private SymversFile() {}

  /** Every export in file order; a name listed twice keeps its last line, as modpost does. */
  public static Map<String, KernelExport> read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
      if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        bytes = gunzip(file, bytes);
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file: give the kernel's Module.symvers "
          + "(from linux-headers-KVER or kernel-devel) or symvers-KVER.gz");
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage());
    }
    return parse(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** Parses symvers text; {@code name} is used in error messages. */
  public static Map<String, KernelExport> parse(String name, String text) {
    Map<String, KernelExport> exports = new LinkedHashMap<>(32_768);
    int lineNumber = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      KernelExport export = start < end && text.charAt(start) == '0'
          ? parseTabbed(text, start, end) : null; // the usual line, read in place
      if (export == null) {
        String line = text.substring(start, end);
        if (line.isBlank()) {
          start = end + 1;
          continue;
        }
        export = parseLine(name, lineNumber, line);
      }
      start = end + 1;
      exports.put(export.name(), export);
    }
    if (exports.isEmpty()) {
      throw new UserInputException(name + ": no exports in this file: it is not a Module.symvers "
          + "(give the one from the kernel's headers or kernel-devel package)");
    }
    return exports;
  }

  /**
   * {@link #parseLine} for the common case, without splitting the line into strings: a line of
   * {@code text[start..end)} with at least three tab-separated fields and a well-formed CRC.
   * Null for anything else, which {@link #parseLine} then reads (and reports) as before.
   */
  private static KernelExport parseTabbed(String text, int start, int end) {
    int t1 = text.indexOf('\t', start);
    if (t1 < 0 || t1 >= end) {
      return null;
    }
    int t2 = text.indexOf('\t', t1 + 1);
    if (t2 < 0 || t2 >= end) {
      return null;
    }
    int crcLength = t1 - start;
    if (crcLength < 3 || crcLength > 18 || !text.startsWith("0x", start)) {
      return null;
    }
    long crc = 0;
    for (int i = start + 2; i < t1; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) {
        return null;
      }
      crc = crc << 4 | digit;
    }
    int t3 = text.indexOf('\t', t2 + 1);
    if (t3 < 0 || t3 >= end) {
      t3 = end;
    }
    boolean gplOnly = false;
    String namespace = "";
    // Fields 3.. as parseLine walks them: EXPORT_SYMBOL* sets the GPL flag, the last field from
    // the fifth on is the namespace.
    int field = 3;
    int from = t3 + 1;
    while (from <= end && t3 < end) {
      int to = text.indexOf('\t', from);
      if (to < 0 || to > end) {
        to = end;
      }
      boolean last = to == end;
      if (text.startsWith("EXPORT_SYMBOL", from) && from + 13 <= to) {
        gplOnly = text.substring(from, to).contains("GPL");
      } else if (last && field >= 4) {
        namespace = text.substring(from, to);
      }
      if (last) {
        break;
      }
      field++;
      from = to + 1;
    }
    return new KernelExport(text.substring(t1 + 1, t2), crc, text.substring(t2 + 1, t3),
        gplOnly, namespace);
  }

  private static KernelExport parseLine(String name, int lineNumber, String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length < 3) {
      fields = line.trim().split("\\s+");
    }
    if (fields.length < 3) {
      throw bad(name, lineNumber, 1, "expected CRC, symbol and module separated by tabs");
    }
    String crcText = fields[0];
    if (!crcText.startsWith("0x") || crcText.length() < 3 || crcText.length() > 18) {
      throw bad(name, lineNumber, 1, "expected a CRC like 0x1a2b3c4d, found '" + crcText + "'");
    }
    long crc;
    try {
      crc = Long.parseUnsignedLong(crcText.substring(2), 16);
    } catch (NumberFormatException e) {
      throw bad(name, lineNumber, 1, "expected a CRC like 0x1a2b3c4d, found '" + crcText + "'");
    }
    boolean gplOnly = false;
    String namespace = "";
    for (int i = 3; i < fields.length; i++) {
      String field = fields[i];
      if (field.startsWith("EXPORT_SYMBOL")) {
        gplOnly = field.contains("GPL");
      } else if (i == fields.length - 1 && i >= 4) {
        namespace = field;
      }
    }
    return new KernelExport(fields[1], crc, fields[2], gplOnly, namespace);
  }

  private static UserInputException bad(String name, int line, int column, String what) {
    return new UserInputException(
        name + ":" + line + ":" + column + ": " + what
            + "; give the kernel's Module.symvers (linux-headers-KVER or kernel-devel)");
  }

  private static byte[] gunzip(Path file, byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UserInputException(file + ": corrupt gzip data: " + e.getMessage()
          + "; download the symvers file again");
    }
  }
}
