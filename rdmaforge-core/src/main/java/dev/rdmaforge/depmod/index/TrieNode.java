package dev.rdmaforge.depmod.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node of the in-memory trie, shaped like depmod's {@code struct index_node}: the bytes after
 * the edge that leads here ({@code prefix}), the values of the key that ends here, and children
 * indexed by their first byte, with the used range {@code first..last}.
 */
final class TrieNode {
  private static final byte[] EMPTY = new byte[0];

  byte[] prefix;
  /** Values in file order: ascending priority, and among equal priorities the newest first. */
  List<IndexValue> values;
  /** Allocated on the first child; {@code CHILD_MAX} entries. */
  TrieNode[] children;
  int first = IndexFormat.CHILD_MAX;
  int last = -1;

  TrieNode(byte[] prefix) {
    this.prefix = prefix;
  }

  static TrieNode root() {
    return new TrieNode(EMPTY);
  }

  boolean hasChildren() {
    return first < IndexFormat.CHILD_MAX;
  }

  TrieNode child(int ch) {
    return children == null ? null : children[ch];
  }

  void putChild(int ch, TrieNode child) {
    if (children == null) {
      children = new TrieNode[IndexFormat.CHILD_MAX];
    }
    children[ch] = child;
    first = Math.min(first, ch);
    last = Math.max(last, ch);
  }

  /**
   * Splits this node at prefix position {@code j}, as depmod does when a new key leaves the
   * prefix: a new child (at the byte {@code prefix[j]}) takes everything this node had and the
   * prefix bytes after {@code j}; this node keeps {@code prefix[0..j)} and that one child.
   */
  void splitAt(int j) {
    TrieNode moved = new TrieNode(Arrays.copyOfRange(prefix, j + 1, prefix.length));
    moved.values = values;
    moved.children = children;
    moved.first = first;
    moved.last = last;
    int ch = prefix[j] & 0xFF;
    prefix = Arrays.copyOf(prefix, j);
    values = null;
    children = null;
    first = IndexFormat.CHILD_MAX;
    last = -1;
    putChild(ch, moved);
  }

  /**
   * depmod's {@code index_add_value}: the value goes before the first value whose priority is
   * not lower (unsigned), so equal priorities end up newest first. An equal value is still added;
   * the return value only reports it.
   */
  boolean addValue(IndexValue value) {
    if (values == null) {
      values = new ArrayList<>(1);
    }
    boolean duplicate = false;
    int insertAt = -1;
    for (int i = 0; i < values.size(); i++) {
      IndexValue v = values.get(i);
      if (v.value().equals(value.value())) {
        duplicate = true;
      }
      if (insertAt < 0 && Integer.compareUnsigned(v.priority(), value.priority()) >= 0) {
        insertAt = i;
      }
    }
    values.add(insertAt < 0 ? values.size() : insertAt, value);
    return duplicate;
  }
}
