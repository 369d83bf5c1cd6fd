package dev.rdmaforge.depmod.index;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a kmod binary index (modules.dep.bin, modules.alias.bin, modules.symbols.bin,
 * modules.builtin.bin, modules.builtin.alias.bin) into memory.
 *
 * <p>Stricter than libkmod: every offset must lie inside the file, every string must end with NUL
 * before the end of the file, no node may be reached twice, and the header must carry kmod's magic
 * and major version 2. Anything else is a {@link KmodIndexFormatException} naming the byte offset.
 * Values keep the order they have in the file (for depmod's files: ascending priority, and among
 * equal priorities the value inserted last first), unlike libkmod, which re-sorts them on reading.
 */
public final class KmodIndexReader {
  private final Map<String, List<IndexValue>> entries;

  private KmodIndexReader(Map<String, List<IndexValue>> entries) {
    this.entries = entries;
  }

  /**
   * Reads and parses the index file at {@code file}.
   *
   * @throws UserInputException if the file cannot be read
   * @throws KmodIndexFormatException if it is not a well-formed index
   */
  public static KmodIndexReader read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserInputException(
          "cannot read kmod index " + file + ": " + e.getMessage() + "; check the path", e);
    }
    return parse(bytes, file.toString());
  }

  /**
   * Parses index bytes.
   *
   * @param bytes the whole file
   * @param fileName names the file in error messages
   * @throws KmodIndexFormatException if the bytes are not a well-formed index
   */
  public static KmodIndexReader parse(byte[] bytes, String fileName) {
    return new KmodIndexReader(new Parser(bytes, fileName).parse());
  }

  /**
   * Every key with its values, keys in the trie's order (unsigned byte order, a key before the
   * keys it is a prefix of), values in file order. Unmodifiable.
   */
  public Map<String, List<IndexValue>> entries() {
    return entries;
  }

  /** The values stored under exactly {@code key} (no wildcard matching), in file order. */
  public Optional<List<IndexValue>> lookup(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** How many keys the index holds. */
  public int keyCount() {
    return entries.size();
  }

  /** Walks the trie from the root, checking every read against the file's bounds. */
  private static final class Parser {
    private final byte[] data;
    private final String file;
    private final BitSet visited = new BitSet();
    private final Map<String, List<IndexValue>> out = new LinkedHashMap<>();

    Parser(byte[] data, String file) {
      this.data = data;
      this.file = file;
    }

    /**
     * The key of the node being read, one byte per char: a node's key is its parent's plus the
     * branch byte plus its prefix, and in depth-first order the parent's key is still in place
     * when a child is read, so no string is made for a node without values.
     */
    private byte[] key = new byte[256];

    /**
     * A node still to read: its offset, where its parent's key ends and the byte of the edge that
     * leads here ({@code -1} for the root), and where its offset was read.
     */
    private record Pending(int offset, int parentKeyLength, int branch, long referencedAt) {}

    Map<String, List<IndexValue>> parse() {
      if (data.length < IndexFormat.HEADER_SIZE) {
        throw error(
            0,
            "the file is "
                + data.length
                + " bytes, shorter than the 12-byte header (an empty file is what depmod leaves"
                + " when modules.builtin or modules.builtin.modinfo is missing)");
      }
      int magic = u32(0);
      if (magic == IndexFormat.OLD_MAGIC) {
        throw error(0, "magic 0xb007fa57 is module-init-tools' old index format, not kmod's");
      }
      if (magic != IndexFormat.MAGIC) {
        throw error(0, String.format("magic is 0x%08x, expected 0x%08x", magic, IndexFormat.MAGIC));
      }
      int version = u32(4);
      if ((version >>> 16) != IndexFormat.VERSION_MAJOR) {
        throw error(
            4,
            String.format(
                "version is 0x%08x; only major version %d is understood",
                version, IndexFormat.VERSION_MAJOR));
      }
      Deque<Pending> stack = new ArrayDeque<>();
      stack.push(new Pending(u32(8), 0, -1, 8));
      while (!stack.isEmpty()) {
        readNode(stack.pop(), stack);
      }
      return Collections.unmodifiableMap(out);
    }

    private void readNode(Pending pending, Deque<Pending> stack) {
      int offset = pending.offset();
      int position = offset & IndexFormat.OFFSET_MASK;
      if ((offset & IndexFormat.FLAGS & ~(IndexFormat.FLAG_PREFIX
              | IndexFormat.FLAG_VALUES | IndexFormat.FLAG_CHILDS)) != 0) {
        throw error(
            pending.referencedAt(), String.format("node offset 0x%08x has an unknown flag", offset));
      }
      if (position < IndexFormat.HEADER_SIZE || position > data.length) {
        throw error(
            pending.referencedAt(),
            "node offset " + position + " points outside the file (" + data.length + " bytes)");
      }
      if (visited.get(position)) {
        throw error(
            pending.referencedAt(),
            "node at byte offset " + position + " is reached twice; the trie has a cycle or a"
                + " shared node");
      }
      visited.set(position);

      int p = position;
      int keyLength = pending.parentKeyLength();
      if (pending.branch() >= 0) {
        keyLength = append(keyLength, (byte) pending.branch());
      }
      if ((offset & IndexFormat.FLAG_PREFIX) != 0) {
        int end = nul(p, "prefix of the node at byte offset " + position);
        for (int i = p; i < end; i++) {
          keyLength = append(keyLength, data[i]);
        }
        p = end + 1;
      }
      if ((offset & IndexFormat.FLAG_CHILDS) != 0) {
        need(p, 2, "child range of the node at byte offset " + position);
        int first = data[p] & 0xFF;
        int last = data[p + 1] & 0xFF;
        if (first > last || last >= IndexFormat.CHILD_MAX) {
          throw error(
              p, "child range " + first + ".." + last + " is not an ascending range of 7-bit bytes");
        }
        p += 2;
        int count = last - first + 1;
        need(p, 4L * count, "child offsets of the node at byte offset " + position);
        // Pushed in reverse so that children pop in byte order, giving keys in sorted order.
        for (int i = count - 1; i >= 0; i--) {
          int at = p + 4 * i;
          int child = u32(at);
          if ((child & IndexFormat.OFFSET_MASK) != 0) {
            stack.push(new Pending(child, keyLength, first + i, at));
          }
        }
        p += 4 * count;
      }
      if ((offset & IndexFormat.FLAG_VALUES) != 0) {
        need(p, 4, "value count of the node at byte offset " + position);
        long count = u32(p) & 0xFFFFFFFFL;
        if (count * 5 > data.length - (long) p - 4) {
          throw error(p, "value count " + count + " does not fit in the rest of the file");
        }
        p += 4;
        List<IndexValue> values = new ArrayList<>((int) count);
        for (long v = 0; v < count; v++) {
          need(p, 4, "value priority");
          int priority = u32(p);
          p += 4;
          int end = nul(p, "value of the node at byte offset " + position);
          values.add(new IndexValue(Latin1.string(data, p, end), priority));
          p = end + 1;
        }
        out.put(Latin1.string(key, 0, keyLength), Collections.unmodifiableList(values));
      }
    }

    /** Puts {@code b} at {@code length} in the key buffer; the new length. */
    private int append(int length, byte b) {
      if (length == key.length) {
        key = java.util.Arrays.copyOf(key, length * 2);
      }
      key[length] = b;
      return length + 1;
    }

    private int nul(int from, String what) {
      for (int i = from; i < data.length; i++) {
        if (data[i] == 0) {
          return i;
        }
      }
      throw error(from, what + " runs to the end of the file without a NUL");
    }

    private void need(int at, long length, String what) {
      if (at + length > data.length) {
        throw error(at, what + " runs past the end of the file (" + data.length + " bytes)");
      }
    }

    private int u32(int at) {
      return ((data[at] & 0xFF) << 24)
          | ((data[at + 1] & 0xFF) << 16)
          | ((data[at + 2] & 0xFF) << 8)
          | (data[at + 3] & 0xFF);
    }

    private KmodIndexFormatException error(long at, String problem) {
      return new KmodIndexFormatException(file, at, problem);
    }
  }
}
