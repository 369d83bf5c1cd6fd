package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One RPM header structure (the signature header or the main header), checked the way rpm's
 * {@code headerVerifyInfo} checks it before anything is believed: at most 65,535 tags and 256 MiB
 * of data (rpm's {@code hdrchkTags}/{@code HEADER_DATA_MAX}), and no more than the file holds;
 * known types; offsets aligned and inside the data; strings terminated inside the data; counts
 * that fit. After that every accessor is safe, and a tag of an unexpected type is reported with
 * its byte offset.
 */
public final class RpmHeader {
  /** The header magic: {@code 8E AD E8}, then version 1. */
  static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};
  static final int MAX_TAGS = 0xffff;
  static final int MAX_DATA = 0x0fffffff;

  static final int TYPE_CHAR = 1;
  static final int TYPE_INT8 = 2;
  static final int TYPE_INT16 = 3;
  static final int TYPE_INT32 = 4;
  static final int TYPE_INT64 = 5;
  static final int TYPE_STRING = 6;
  static final int TYPE_BIN = 7;
  static final int TYPE_STRING_ARRAY = 8;
  static final int TYPE_I18NSTRING = 9;
  private static final String[] TYPE_NAMES = {
    "NULL", "CHAR", "INT8", "INT16", "INT32", "INT64", "STRING", "BIN", "STRING_ARRAY",
    "I18NSTRING"
  };
  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 1, 1};

  /** One index entry. */
  private record Entry(int tag, int type, int offset, int count, long fileOffset) {}

  private final Path file;
  private final String which;
  private final long offset;
  private final int tagCount;
  private final byte[] store;
  private final Map<Integer, Entry> entries;

  private RpmHeader(Path file, String which, long offset, int tagCount, byte[] store,
      Map<Integer, Entry> entries) {
    this.file = file;
    this.which = which;
    this.offset = offset;
    this.tagCount = tagCount;
    this.store = store;
    this.entries = entries;
  }

  /**
   * Reads and checks the header at {@code offset} of {@code channel} ({@code fileSize} bytes).
   *
   * @param which {@code signature header} or {@code header}, for messages
   */
  static RpmHeader read(Path file, FileChannel channel, long offset, long fileSize, String which)
      throws IOException {
    ByteBuffer intro = readFully(file, channel, offset, 16, fileSize, "the " + which);
    byte[] magic = new byte[4];
    intro.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw PackageProblems.atByte(file, offset, "the " + which + " does not start with the"
          + " RPM header magic 8E AD E8 01 (found " + hex(magic) + ")", PackageProblems.DAMAGED);
    }
    intro.getInt(); // reserved
    long il = Integer.toUnsignedLong(intro.getInt());
    long dl = Integer.toUnsignedLong(intro.getInt());
    if (il == 0 || il > MAX_TAGS) {
      throw PackageProblems.atByte(file, offset + 8, "the " + which + " declares " + il
          + " tags; rpm accepts 1 to " + MAX_TAGS, PackageProblems.DAMAGED);
    }
    if (dl > MAX_DATA) {
      throw PackageProblems.atByte(file, offset + 12, "the " + which + " declares " + dl
          + " bytes of data; rpm accepts at most " + MAX_DATA, PackageProblems.DAMAGED);
    }
    long indexStart = offset + 16;
    long dataStart = indexStart + il * 16;
    if (dataStart + dl > fileSize) {
      throw PackageProblems.atByte(file, offset + 8, "the " + which + " declares " + il
          + " tags and " + dl + " bytes of data, but the file ends at byte " + fileSize
          + " (truncated)", PackageProblems.DAMAGED);
    }
    ByteBuffer index = readFully(file, channel, indexStart, (int) (il * 16), fileSize,
        "the " + which + "'s index");
    byte[] store = new byte[(int) dl];
    readFully(file, channel, dataStart, (int) dl, fileSize, "the " + which + "'s data")
        .get(store);
    Map<Integer, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < il; i++) {
      long at = indexStart + i * 16L;
      Entry e = new Entry(index.getInt(), index.getInt(), index.getInt(), index.getInt(), 0);
      e = new Entry(e.tag, e.type, e.offset, e.count, dataStart + Integer.toUnsignedLong(e.offset));
      check(file, which, at, e, store);
      if (entries.putIfAbsent(e.tag, e) != null) {
        throw PackageProblems.atByte(file, at, "the " + which + " has "
            + RpmTags.describe(e.tag) + " twice", PackageProblems.DAMAGED);
      }
    }
    return new RpmHeader(file, which, offset, (int) il, store, entries);
  }

  private static void check(Path file, String which, long at, Entry e, byte[] store) {
    String tag = RpmTags.describe(e.tag) + " of the " + which;
    if (e.type < TYPE_CHAR || e.type > TYPE_I18NSTRING) {
      throw PackageProblems.atByte(file, at, tag + " has type " + Integer.toUnsignedString(e.type)
          + ", which rpm does not know", PackageProblems.DAMAGED);
    }
    if (e.offset < 0 || e.offset >= store.length) {
      throw PackageProblems.atByte(file, at, tag + " points at data offset "
          + Integer.toUnsignedString(e.offset) + ", outside the " + store.length
          + " bytes of data", PackageProblems.DAMAGED);
    }
    if (e.count <= 0) {
      throw PackageProblems.atByte(file, at, tag + " has count " + Integer.toUnsignedString(
          e.count), PackageProblems.DAMAGED);
    }
    int size = TYPE_SIZES[e.type];
    if (size > 1 && e.offset % size != 0) {
      throw PackageProblems.atByte(file, at, tag + " (" + TYPE_NAMES[e.type] + ") is not aligned"
          + " to " + size + " bytes", PackageProblems.DAMAGED);
    }
    switch (e.type) {
      case TYPE_STRING:
      case TYPE_STRING_ARRAY:
      case TYPE_I18NSTRING:
        if (e.type == TYPE_STRING && e.count != 1) {
          throw PackageProblems.atByte(file, at, tag + " is a STRING with count " + e.count,
              PackageProblems.DAMAGED);
        }
        int pos = e.offset;
        for (int n = 0; n < e.count; n++) {
          while (pos < store.length && store[pos] != 0) {
            pos++;
          }
          if (pos >= store.length) {
            throw PackageProblems.atByte(file, e.fileOffset, tag + " has " + e.count
                + " strings, but the data ends after " + n, PackageProblems.DAMAGED);
          }
          pos++;
        }
        break;
      default:
        if ((long) e.count * size > store.length - e.offset) {
          throw PackageProblems.atByte(file, at, tag + " has " + e.count + " values of "
              + size + " bytes, more than the data holds", PackageProblems.DAMAGED);
        }
    }
  }

  private static ByteBuffer readFully(Path file, FileChannel channel, long offset, int length,
      long fileSize, String what) throws IOException {
    if (offset + length > fileSize) {
      throw PackageProblems.atByte(file, offset, what + " needs " + length + " bytes, but the"
          + " file ends at byte " + fileSize + " (truncated)", PackageProblems.DAMAGED);
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, offset + buffer.position());
      if (n < 0) {
        throw PackageProblems.atByte(file, offset + buffer.position(), what + " is cut short",
            PackageProblems.DAMAGED);
      }
    }
    buffer.flip();
    return buffer;
  }

  static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(String.format("%02X", b & 0xff));
    }
    return text.toString();
  }

  /** The file offset of the header's magic. */
  public long offset() {
    return offset;
  }

  /** The header's size in bytes: 16 + 16 per tag + data (without the signature's padding). */
  public long length() {
    return 16L + 16L * tagCount + store.length;
  }

  /** The tags present, in index order. */
  public Set<Integer> tags() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  /** Whether {@code tag} is present. */
  public boolean has(int tag) {
    return entries.containsKey(tag);
  }

  /** The file offset of {@code tag}'s data, for messages; -1 when absent. */
  public long dataOffset(int tag) {
    Entry e = entries.get(tag);
    return e == null ? -1 : e.fileOffset;
  }

  /** How many values {@code tag} has; 0 when absent. */
  public int count(int tag) {
    Entry e = entries.get(tag);
    return e == null ? 0 : e.count;
  }

  /**
   * A STRING tag, or the first string of a STRING_ARRAY or I18NSTRING tag (the C locale);
   * decoded as UTF-8 (invalid bytes become U+FFFD).
   */
  public Optional<String> string(int tag) {
    List<String> values = strings(tag);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The strings of a string tag; empty when absent. */
  public List<String> strings(int tag) {
    List<byte[]> raw = rawStrings(tag);
    List<String> values = new ArrayList<>(raw.size());
    for (byte[] bytes : raw) {
      values.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return values;
  }

  /** The strings of a string tag as stored, for callers that must check their encoding. */
  List<byte[]> rawStrings(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      return List.of();
    }
    if (e.type != TYPE_STRING && e.type != TYPE_STRING_ARRAY && e.type != TYPE_I18NSTRING) {
      throw wrongType(e, "a string");
    }
    List<byte[]> values = new ArrayList<>(e.count);
    int pos = e.offset;
    for (int n = 0; n < e.count; n++) {
      int end = pos;
      while (store[end] != 0) {
        end++;
      }
      values.add(Arrays.copyOfRange(store, pos, end));
      pos = end + 1;
    }
    return values;
  }

  /**
   * The values of an integer tag: CHAR, INT8, INT16 and INT32 as unsigned numbers (rpm's modes
   * and sizes are unsigned), INT64 as stored; empty when absent.
   */
  public long[] numbers(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      return new long[0];
    }
    ByteBuffer data = ByteBuffer.wrap(store);
    long[] values = new long[e.count];
    for (int i = 0; i < e.count; i++) {
      switch (e.type) {
        case TYPE_CHAR:
        case TYPE_INT8:
          values[i] = store[e.offset + i] & 0xffL;
          break;
        case TYPE_INT16:
          values[i] = data.getShort(e.offset + 2 * i) & 0xffffL;
          break;
        case TYPE_INT32:
          values[i] = Integer.toUnsignedLong(data.getInt(e.offset + 4 * i));
          break;
        case TYPE_INT64:
          values[i] = data.getLong(e.offset + 8 * i);
          break;
        default:
          throw wrongType(e, "a number");
      }
    }
    return values;
  }

  /** The first value of an integer tag. */
  public OptionalLong number(int tag) {
    long[] values = numbers(tag);
    return values.length == 0 ? OptionalLong.empty() : OptionalLong.of(values[0]);
  }

  /** A BIN tag's bytes. */
  public Optional<byte[]> bytes(int tag) {
    Entry e = entries.get(tag);
    if (e == null) {
      return Optional.empty();
    }
    if (e.type != TYPE_BIN) {
      throw wrongType(e, "binary data");
    }
    return Optional.of(Arrays.copyOfRange(store, e.offset, e.offset + e.count));
  }

  private UserInputException wrongType(Entry e, String expected) {
    return PackageProblems.atByte(file, e.fileOffset, RpmTags.describe(e.tag) + " of the "
        + which + " has type " + TYPE_NAMES[e.type] + " where rpm writes " + expected,
        PackageProblems.DAMAGED);
  }
}
