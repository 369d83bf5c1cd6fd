package dev.rdmaforge.depmod.index;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes a trie in depmod's layout: the header, then the nodes in post-order (every child before
 * its parent, children in byte order), each node at the file position its parent records.
 *
 * <p>Iterative rather than recursive: a trie is as deep as its longest key (up to 4095 bytes for
 * a path-length alias), which a recursive walk would have to fit in a thread's stack.
 */
final class IndexSerializer {
  private byte[] buf;
  private int size;

  private IndexSerializer(int capacity) {
    buf = new byte[capacity];
  }

  static byte[] serialize(TrieNode root) {
    IndexSerializer out = new IndexSerializer(64 * 1024);
    out.u32(IndexFormat.MAGIC);
    out.u32(IndexFormat.VERSION);
    out.u32(0); // root offset, filled in at the end as depmod does with fseek
    int rootOffset = out.writeTree(root);
    out.putU32At(8, rootOffset);
    return Arrays.copyOf(out.buf, out.size);
  }

  /** A node whose children are being written; {@code childOffsets[next..]} are still to come. */
  private static final class Frame {
    final TrieNode node;
    final int[] childOffsets;
    int next;

    Frame(TrieNode node) {
      this.node = node;
      this.childOffsets = node.hasChildren() ? new int[node.last - node.first + 1] : null;
    }
  }

  private int writeTree(TrieNode root) {
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root));
    int offset = 0;
    while (!stack.isEmpty()) {
      Frame top = stack.peek();
      if (top.childOffsets != null && top.next < top.childOffsets.length) {
        TrieNode child = top.node.children[top.node.first + top.next];
        if (child == null) {
          top.childOffsets[top.next++] = 0; // a gap in first..last
        } else {
          stack.push(new Frame(child));
        }
        continue;
      }
      stack.pop();
      offset = writeNode(top);
      Frame parent = stack.peek();
      if (parent != null) {
        parent.childOffsets[parent.next++] = offset;
      }
    }
    return offset;
  }

  private int writeNode(Frame frame) {
    TrieNode node = frame.node;
    int position = size;
    if (position > IndexFormat.OFFSET_MASK) {
      throw new IllegalStateException(
          "index exceeds 256 MiB: node offset " + position + " does not fit kmod's 28-bit field");
    }
    byte[][] values = null;
    int length = 0;
    if (node.prefix.length > 0) {
      length += node.prefix.length + 1;
    }
    if (frame.childOffsets != null) {
      length += 2 + 4 * frame.childOffsets.length;
    }
    if (node.values != null && !node.values.isEmpty()) {
      values = new byte[node.values.size()][];
      length += 4;
      for (int i = 0; i < values.length; i++) {
        values[i] = node.values.get(i).value().getBytes(StandardCharsets.ISO_8859_1);
        length += 4 + values[i].length + 1;
      }
    }
    // One capacity check per node: this loop runs for every node of a 1 MiB alias index.
    ensure(length);
    int offset = position;
    if (node.prefix.length > 0) {
      bytes(node.prefix);
      buf[size++] = 0;
      offset |= IndexFormat.FLAG_PREFIX;
    }
    if (frame.childOffsets != null) {
      buf[size++] = (byte) node.first;
      buf[size++] = (byte) node.last;
      for (int childOffset : frame.childOffsets) {
        putU32At(size, childOffset);
        size += 4;
      }
      offset |= IndexFormat.FLAG_CHILDS;
    }
    if (values != null) {
      putU32At(size, values.length);
      size += 4;
      for (int i = 0; i < values.length; i++) {
        putU32At(size, node.values.get(i).priority());
        size += 4;
        bytes(values[i]);
        buf[size++] = 0;
      }
      offset |= IndexFormat.FLAG_VALUES;
    }
    return offset;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  private void u32(int v) {
    ensure(4);
    putU32At(size, v);
    size += 4;
  }

  private void putU32At(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  /** Copies {@code b}; the caller has ensured the capacity. */
  private void bytes(byte[] b) {
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }
}
