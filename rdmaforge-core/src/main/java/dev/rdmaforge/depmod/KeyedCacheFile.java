package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.ModuleDataCache.FileKey;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The file form shared by the caches keyed by a module file's identity ({@link FileKey}): a
 * sorted index of keys, one shared header (e.g. a string table) and one payload per key. The file
 * is mapped, not read: opening costs a few system calls however many entries it holds, a lookup
 * is a binary search in the index, and only the payloads asked for are ever touched. So a cache
 * that also remembers other trees (or older copies of this one) costs this run nothing.
 *
 * <p>Layout (big-endian): magic, version, entry count, header length (ints); the index, one
 * 56-byte record per entry sorted by key (the key's five longs, the time it was last written as
 * used, the payload's offset and length); the header; the payloads. Files are written through a
 * temporary file and an atomic rename, never changed in place, so a mapped file never changes
 * under a reader.
 */
public final class KeyedCacheFile {
  private static final int PREAMBLE = 16;
  private static final int RECORD = 56;
  private static final Comparator<FileKey> ORDER = Comparator.comparingLong(FileKey::dev)
      .thenComparingLong(FileKey::ino)
      .thenComparingLong(FileKey::size)
      .thenComparingLong(FileKey::mtimeNanos)
      .thenComparingLong(FileKey::ctimeNanos);

  private final ByteBuffer data; // null when empty
  private final int count;
  private final boolean damaged;

  /** One entry of the index. */
  public record Stored(FileKey key, long stamp, int offset, int length) {}

  /** One entry to write. */
  public record Entry(FileKey key, long stamp, byte[] payload) {}

  private KeyedCacheFile(ByteBuffer data, int count, boolean damaged) {
    this.data = data;
    this.count = count;
    this.damaged = damaged;
  }

  /** A cache file with nothing in it. */
  public static KeyedCacheFile empty() {
    return new KeyedCacheFile(null, 0, false);
  }

  /**
   * Maps {@code file}; a missing file gives an empty cache, a foreign or damaged one an empty
   * cache that is {@link #damaged()}.
   */
  public static KeyedCacheFile open(Path file, int magic, int version) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < PREAMBLE || size > Integer.MAX_VALUE) {
        return new KeyedCacheFile(null, 0, true);
      }
      MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      int count = map.getInt(8);
      int headerLength = map.getInt(12);
      if (map.getInt(0) != magic || map.getInt(4) != version || count < 0 || headerLength < 0
          || PREAMBLE + (long) count * RECORD + headerLength > size) {
        return new KeyedCacheFile(null, 0, true);
      }
      return new KeyedCacheFile(map, count, false);
    } catch (NoSuchFileException e) {
      return new KeyedCacheFile(null, 0, false);
    } catch (IOException | RuntimeException e) {
      return new KeyedCacheFile(null, 0, true);
    }
  }

  /** How many entries the file holds. */
  public int count() {
    return count;
  }

  /**
   * Whether a run that added {@code added} entries to this file should write it again. Writing
   * costs about as much for each entry kept as reading a few hundred new ones again costs for each
   * of those, so a handful of new entries (a scenario tree of ten modules, the modules another
   * tool's hard links just touched) are read again next time rather than rewriting ten trees.
   */
  public boolean worthWriting(int added) {
    return added > 0 && (long) added * 256 >= count;
  }

  /** Whether a file was there but could not be used (it should be rewritten). */
  public boolean damaged() {
    return damaged;
  }

  /** The shared header (read-only, position 0); empty when there is no file. */
  public ByteBuffer header() {
    if (data == null) {
      return ByteBuffer.allocate(0);
    }
    int start = PREAMBLE + count * RECORD;
    return data.duplicate().position(start).limit(start + data.getInt(12)).slice();
  }

  /** The payload stored for {@code key} (read-only, position 0), or null. */
  public ByteBuffer payload(FileKey key) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = compare(mid, key);
      if (c == 0) {
        return payload(stored(mid));
      }
      if (c < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return null;
  }

  /** Every entry of the index, in key order. */
  public List<Stored> stored() {
    List<Stored> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(stored(i));
    }
    return all;
  }

  /** The payload of an index entry (read-only, position 0). */
  public ByteBuffer payload(Stored s) {
    if (s.offset() < 0 || s.length() < 0 || (long) s.offset() + s.length() > data.capacity()) {
      throw new IllegalStateException("payload outside the cache file");
    }
    return data.duplicate().position(s.offset()).limit(s.offset() + s.length()).slice();
  }

  private Stored stored(int i) {
    int at = PREAMBLE + i * RECORD;
    FileKey key = new FileKey(data.getLong(at), data.getLong(at + 8), data.getLong(at + 16),
        data.getLong(at + 24), data.getLong(at + 32));
    return new Stored(key, data.getLong(at + 40), data.getInt(at + 48), data.getInt(at + 52));
  }

  private int compare(int i, FileKey key) {
    int at = PREAMBLE + i * RECORD;
    int c = Long.compare(data.getLong(at), key.dev());
    if (c == 0) {
      c = Long.compare(data.getLong(at + 8), key.ino());
    }
    if (c == 0) {
      c = Long.compare(data.getLong(at + 16), key.size());
    }
    if (c == 0) {
      c = Long.compare(data.getLong(at + 24), key.mtimeNanos());
    }
    if (c == 0) {
      c = Long.compare(data.getLong(at + 32), key.ctimeNanos());
    }
    return c;
  }

  /**
   * The entries to keep when a cache holds more than {@code max}: every one with the newest stamp
   * (those this run used), then the most recently used others.
   */
  public static <T> List<T> newest(List<T> entries, java.util.function.ToLongFunction<T> stamp,
      int max) {
    if (entries.size() <= max) {
      return entries;
    }
    List<T> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(stamp).reversed());
    long newest = stamp.applyAsLong(sorted.get(0));
    int keep = max;
    while (keep < sorted.size() && stamp.applyAsLong(sorted.get(keep)) == newest) {
      keep++;
    }
    return new ArrayList<>(sorted.subList(0, keep));
  }

  /** Writes a cache file through a temporary file and an atomic rename. */
  public static void write(Path file, int magic, int version, byte[] header, List<Entry> entries)
      throws IOException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::key, ORDER));
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        out.writeInt(magic);
        out.writeInt(version);
        out.writeInt(sorted.size());
        out.writeInt(header.length);
        long offset = PREAMBLE + (long) sorted.size() * RECORD + header.length;
        for (Entry e : sorted) {
          FileKey k = e.key();
          out.writeLong(k.dev());
          out.writeLong(k.ino());
          out.writeLong(k.size());
          out.writeLong(k.mtimeNanos());
          out.writeLong(k.ctimeNanos());
          out.writeLong(e.stamp());
          if (offset + e.payload().length > Integer.MAX_VALUE) {
            throw new IOException("cache file would exceed 2 GiB");
          }
          out.writeInt((int) offset);
          out.writeInt(e.payload().length);
          offset += e.payload().length;
        }
        out.write(header);
        for (Entry e : sorted) {
          out.write(e.payload());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
