package dev.rdmaforge.depmod.index;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kmod binary index under construction: the trie depmod builds for modules.dep.bin,
 * modules.alias.bin, modules.symbols.bin, modules.builtin.bin and modules.builtin.alias.bin, and
 * its serialisation, byte-identical to kmod 30's {@code index_write} for the same sequence of
 * {@link #insert} calls.
 *
 * <p>Keys and values are C strings of bytes held one char per byte (ISO-8859-1). The trie indexes
 * children by a 7-bit character, so every byte on which two keys branch must be below 0x80; depmod
 * does not check this (its check reads a signed {@code char}) and corrupts memory instead, so
 * {@link #insert} refuses such a key rather than produce some output. Bytes of 0x80 and above
 * inside a node's prefix (not at a branch) are fine, as they are for depmod.
 *
 * <p>Not thread-safe. Building the 26,000-key alias index of a Debian kernel takes a few tens of
 * milliseconds.
 */
public final class KmodIndex {
  private final TrieNode root = TrieNode.root();
  private int keyCount;

  /** An empty index; written as-is it is the 12-byte header whose root node has no content. */
  public KmodIndex() {}

  /**
   * Adds {@code value} under {@code key}, as depmod's {@code index_insert} does.
   *
   * <p>A key may hold many values. The new value goes before the first value of the key whose
   * priority is not lower (unsigned comparison), so values stay sorted by priority and among equal
   * priorities the value inserted last comes first. An equal value already under the key does not
   * stop the insert: the value is stored twice, as depmod stores it.
   *
   * @param key the key, one char per byte, no NUL; may be empty
   * @param value the value, one char per byte, no NUL; may be empty
   * @param priority kmod's unsigned priority
   * @return true if the key already held an equal value (depmod prints its "duplicate module
   *     deps/alias/syms" warnings on true); false otherwise, and always false for a new key
   * @throws IllegalArgumentException if a string is not a C string of bytes, or the key would
   *     make the trie branch on a byte of 0x80 or above (depmod's behaviour is undefined there);
   *     the index is unchanged then
   */
  public boolean insert(String key, String value, int priority) {
    Objects.requireNonNull(key, "key");
    byte[] k = Latin1.requireCString(key, "index key");
    return insert(key, k, new IndexValue(value, priority));
  }

  private boolean insert(String keyText, byte[] key, IndexValue value) {
    TrieNode node = root;
    int i = 0;
    while (true) {
      byte[] prefix = node.prefix;
      int j = 0;
      while (j < prefix.length && i + j < key.length && prefix[j] == key[i + j]) {
        j++;
      }
      if (j < prefix.length) {
        // The key leaves this node's prefix: the node splits at j, with the rest of the prefix
        // as a child under prefix[j] and (unless the key ends here) the key's byte as another.
        requireBranchable(keyText, i + j, prefix[j]);
        if (i + j < key.length) {
          requireBranchable(keyText, i + j, key[i + j]);
        }
        node.splitAt(j);
      }
      i += j;
      if (i == key.length) {
        boolean duplicate = node.addValue(value);
        if (node.values.size() == 1) {
          keyCount++;
        }
        return duplicate;
      }
      // Every edge is labelled by a 7-bit byte, so a high byte here can never match a child.
      requireBranchable(keyText, i, key[i]);
      int ch = key[i];
      TrieNode child = node.child(ch);
      if (child == null) {
        TrieNode created = new TrieNode(Arrays.copyOfRange(key, i + 1, key.length));
        created.addValue(value);
        node.putChild(ch, created);
        keyCount++;
        return false;
      }
      node = child;
      i++;
    }
  }

  private static void requireBranchable(String key, int position, byte b) {
    if ((b & 0xFF) >= IndexFormat.CHILD_MAX) {
      throw new IllegalArgumentException(
          "index key "
              + Latin1.describe(key)
              + " would need a trie branch on byte "
              + String.format("0x%02x", b & 0xFF)
              + " at position "
              + position
              + ": kmod's index only branches on 7-bit ASCII, and depmod (kmod 30) corrupts memory"
              + " on such a key, so its output is undefined; remove the non-ASCII byte from the"
              + " alias, symbol or module name");
    }
  }

  /** How many distinct keys hold at least one value. */
  public int keyCount() {
    return keyCount;
  }

  /**
   * Every key with its values, exactly as {@link KmodIndexReader#parse} reads them back from
   * {@link #toBytes()} (keys in trie order, values in file order, unmodifiable), without writing
   * and parsing the file: for readers that need an index of a resolution in memory.
   */
  public Map<String, List<IndexValue>> entries() {
    Map<String, List<IndexValue>> out = new LinkedHashMap<>(keyCount * 2);
    collect(root, new byte[256], 0, out);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Pre-order, children in byte order (the order the reader meets the nodes in), the key built in
   * one buffer: {@code key[0..length)} is the key up to this node's prefix.
   */
  private static byte[] collect(TrieNode node, byte[] key, int length,
      Map<String, List<IndexValue>> out) {
    int end = length + node.prefix.length;
    if (end + 1 > key.length) {
      key = Arrays.copyOf(key, Math.max(key.length * 2, end + 1));
    }
    System.arraycopy(node.prefix, 0, key, length, node.prefix.length);
    if (node.values != null && !node.values.isEmpty()) {
      out.put(new String(key, 0, end, StandardCharsets.ISO_8859_1), List.copyOf(node.values));
    }
    if (node.hasChildren()) {
      for (int ch = node.first; ch <= node.last; ch++) {
        TrieNode child = node.children[ch];
        if (child != null) {
          key[end] = (byte) ch;
          key = collect(child, key, end + 1, out);
        }
      }
    }
    return key;
  }

  /** The index file, byte for byte as depmod's {@code index_write} writes it. */
  public byte[] toBytes() {
    return IndexSerializer.serialize(root);
  }

  /** Writes {@link #toBytes()} to {@code out}; does not close it. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(toBytes());
  }
}
