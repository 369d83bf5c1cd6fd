package dev.rdmaforge.depmod.index;

/**
 * Constants of kmod's binary index format, version 2.1 (libkmod/libkmod-index.c documents it).
 *
 * <pre>
 *   u32 magic 0xB007F457, u32 version 0x00020001, u32 root node offset
 *   node: [prefix bytes, NUL]            if offset has PREFIX
 *         [u8 first, u8 last, u32 child offsets[last - first + 1]]   if CHILDS
 *         [u32 value count, {u32 priority, value bytes, NUL}...]   if VALUES
 * </pre>
 *
 * All integers are big-endian. A node offset carries flags in its high nibble and the file
 * position in its low 28 bits; an offset whose position is 0 means "no child".
 */
final class IndexFormat {
  private IndexFormat() {}

  static final int MAGIC = 0xB007F457;
  /** The magic of module-init-tools' older, unversioned format. */
  static final int OLD_MAGIC = 0xB007FA57;

  static final int VERSION_MAJOR = 0x0002;
  static final int VERSION_MINOR = 0x0001;
  static final int VERSION = (VERSION_MAJOR << 16) | VERSION_MINOR;

  static final int HEADER_SIZE = 12;

  /** Children are indexed by a 7-bit character; 128 also means "no children" in {@code first}. */
  static final int CHILD_MAX = 128;

  static final int FLAG_PREFIX = 0x80000000;
  static final int FLAG_VALUES = 0x40000000;
  static final int FLAG_CHILDS = 0x20000000;
  static final int FLAGS = 0xF0000000;
  static final int OFFSET_MASK = 0x0FFFFFFF;
}
