package dev.rdmaforge.depmod;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.SymbolBind;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A warm index of parsed modules, kept in the user's cache directory (never inside the tree being
 * read), so that a second depmod over the same files skips parsing 4,000 ELF images.
 *
 * <p>An entry is keyed by the file's device, inode, size, modification time and change time (all
 * in nanoseconds where the filesystem has them). Any write to a file changes its change time, which
 * no user can set back, so a stale entry is never used; hard-linked copies of a tree share inodes
 * and so share entries (until a new link changes their change time). The file ({@link
 * KeyedCacheFile}) is mapped and only the entries asked for are decoded, so entries of other trees
 * cost a run nothing; it holds what the last writing run used plus the most recently used others,
 * up to {@value #MAX_ENTRIES}. It is rewritten through a temporary name and a rename; a file that
 * cannot be read (corrupt, other version) is ignored and replaced.
 */
public final class ModuleDataCache {
  private static final int MAGIC = 0x52464d43; // "RFMC"
  private static final int VERSION = 2;
  private static final int MAX_ENTRIES = 40_000; // about ten full distribution trees
  private static final SymbolBind[] BINDS = SymbolBind.values();

  /** The identity of a file's content as the filesystem reports it. */
  public record FileKey(long dev, long ino, long size, long mtimeNanos, long ctimeNanos) {
    /** The key of {@code file}, following symlinks; null when the attributes are unavailable. */
    public static FileKey of(Path file) {
      try {
        Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
        return new FileKey(
            ((Number) a.get("dev")).longValue(),
            ((Number) a.get("ino")).longValue(),
            ((Number) a.get("size")).longValue(),
            nanos(a.get("lastModifiedTime")),
            nanos(a.get("ctime")));
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return null;
      }
    }

    private static long nanos(Object time) {
      java.nio.file.attribute.FileTime t = (java.nio.file.attribute.FileTime) time;
      return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private final Path file;
  private final int maxEntries;
  private final KeyedCacheFile stored;
  private final StringTable strings;
  private final Map<FileKey, ModuleSymbols> entries = new ConcurrentHashMap<>(8192);
  private final Set<FileKey> added = ConcurrentHashMap.newKeySet();
  private volatile boolean damaged;

  private ModuleDataCache(Path file, int maxEntries, KeyedCacheFile stored) {
    this.file = file;
    this.maxEntries = maxEntries;
    this.stored = stored;
    this.strings = new StringTable(stored.header());
    this.damaged = stored.damaged();
  }

  /** The default location: {@code $XDG_CACHE_HOME/rdmaforge} or {@code ~/.cache/rdmaforge}. */
  public static Path defaultFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("rdmaforge").resolve("modules-v" + VERSION + ".bin");
  }

  /** Opens the cache at {@code file}; an unreadable or foreign file gives an empty cache. */
  public static ModuleDataCache open(Path file) {
    return open(file, MAX_ENTRIES);
  }

  /** {@link #open(Path)} keeping at most {@code maxEntries} when saving. */
  static ModuleDataCache open(Path file, int maxEntries) {
    return new ModuleDataCache(file, maxEntries, KeyedCacheFile.open(file, MAGIC, VERSION));
  }

  /** The cached data for {@code key}, or null. */
  public ModuleSymbols get(FileKey key) {
    if (key == null) {
      return null;
    }
    ModuleSymbols s = entries.get(key);
    if (s == null) {
      try {
        ByteBuffer payload = stored.payload(key);
        if (payload != null) {
          s = decode(payload);
          entries.put(key, s);
        }
      } catch (RuntimeException e) {
        damaged = true; // a damaged entry: parsed again, and the file rewritten
        return null;
      }
    }
    return s;
  }

  /** Remembers the data parsed from the file with {@code key}. */
  public void put(FileKey key, ModuleSymbols symbols) {
    if (key != null) {
      entries.put(key, symbols);
      added.add(key);
    }
  }

  /**
   * Writes the cache back when enough was added ({@link KeyedCacheFile#worthWriting}) or the file
   * was damaged; failures only cost speed next time. What this run used is kept, then the most
   * recently used other entries up to {@value #MAX_ENTRIES}.
   */
  public void save() {
    save(System.currentTimeMillis());
  }

  /** {@link #save()} as of {@code now} (milliseconds), the stamp of what this run used. */
  void save(long now) {
    if (!damaged && !stored.worthWriting(added.size())) {
      return;
    }
    // Merge with the file as it is now, not as it was when this run opened it: other runs may
    // have saved their trees meanwhile. Entries already in it are copied, not encoded again.
    KeyedCacheFile current = KeyedCacheFile.open(file, MAGIC, VERSION);
    StringTable currentStrings = new StringTable(current.header());
    List<KeyedCacheFile.Stored> all = new ArrayList<>();
    Set<FileKey> inCurrent = new HashSet<>();
    for (KeyedCacheFile.Stored st : current.stored()) {
      inCurrent.add(st.key());
      all.add(entries.containsKey(st.key())
          ? new KeyedCacheFile.Stored(st.key(), now, st.offset(), st.length()) : st);
    }
    for (FileKey k : entries.keySet()) {
      if (!inCurrent.contains(k)) {
        all.add(new KeyedCacheFile.Stored(k, now, -1, -1));
      }
    }
    try {
      Map<String, Integer> ids = new HashMap<>();
      List<String> names = new ArrayList<>();
      int[] renumbered = new int[currentStrings.size()]; // stored id + 1 -> new id + 1
      List<KeyedCacheFile.Entry> out = new ArrayList<>();
      for (KeyedCacheFile.Stored st :
          KeyedCacheFile.newest(all, KeyedCacheFile.Stored::stamp, maxEntries)) {
        byte[] payload;
        if (st.offset() < 0) {
          payload = encode(entries.get(st.key()), ids, names);
        } else {
          try {
            payload = renumber(current.payload(st), currentStrings, renumbered, ids, names);
          } catch (RuntimeException damagedEntry) {
            ModuleSymbols live = entries.get(st.key());
            if (live == null) {
              continue;
            }
            payload = encode(live, ids, names);
          }
        }
        out.add(new KeyedCacheFile.Entry(st.key(), st.stamp(), payload));
      }
      KeyedCacheFile.write(file, MAGIC, VERSION, stringTable(names), out);
      added.clear();
      damaged = false;
    } catch (IOException | RuntimeException e) {
      // only a cache: the next run parses again
    }
  }

  /**
   * A stored payload with its string ids translated into the new table, copied as it is
   * otherwise: keeping another tree's entries costs no decoding.
   */
  private static byte[] renumber(ByteBuffer in, StringTable table, int[] renumbered,
      Map<String, Integer> ids, List<String> names) {
    byte[] out = new byte[in.remaining()];
    in.duplicate().get(out);
    ByteBuffer o = ByteBuffer.wrap(out);
    int nm = o.getInt();
    for (int j = 0; j < nm * 2; j++) {
      renumberAt(o, table, renumbered, ids, names);
    }
    int ne = o.getInt();
    for (int j = 0; j < ne; j++) {
      renumberAt(o, table, renumbered, ids, names);
      o.position(o.position() + 8 + 1 + 1);
    }
    int nd = o.getInt();
    for (int j = 0; j < nd; j++) {
      renumberAt(o, table, renumbered, ids, names);
      o.position(o.position() + 8 + 1);
    }
    if (o.hasRemaining()) {
      throw new IllegalStateException("damaged entry");
    }
    return out;
  }

  private static void renumberAt(ByteBuffer o, StringTable table, int[] renumbered,
      Map<String, Integer> ids, List<String> names) {
    int at = o.position();
    int old = o.getInt();
    int now = renumbered[old];
    if (now == 0) {
      now = intern(table.get(old), ids, names) + 1;
      renumbered[old] = now;
    }
    o.putInt(at, now - 1);
  }

  // Header: the string table (count, each string's offset in the header, then each string as
  // length + ISO-8859-1 bytes). Payload: the three lists, strings as table indexes.

  private static byte[] encode(ModuleSymbols s, Map<String, Integer> ids, List<String> names)
      throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(
        12 + s.modinfo().size() * 8 + s.exports().size() * 14 + s.needs().size() * 13);
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(s.modinfo().size());
    for (ModinfoEntry m : s.modinfo()) {
      out.writeInt(intern(m.key(), ids, names));
      out.writeInt(intern(m.value(), ids, names));
    }
    out.writeInt(s.exports().size());
    for (ExportedSymbol x : s.exports()) {
      out.writeInt(intern(x.name(), ids, names));
      out.writeLong(x.crc());
      out.writeByte(x.bind().ordinal());
      out.writeBoolean(x.gplOnly());
    }
    out.writeInt(s.needs().size());
    for (DependencySymbol d : s.needs()) {
      out.writeInt(intern(d.name(), ids, names));
      out.writeLong(d.crc());
      out.writeByte(d.bind().ordinal());
    }
    out.flush();
    return buffer.toByteArray();
  }

  private static int intern(String s, Map<String, Integer> ids, List<String> names) {
    Integer id = ids.get(s);
    if (id == null) {
      id = names.size();
      ids.put(s, id);
      names.add(s);
    }
    return id;
  }

  private static byte[] stringTable(List<String> names) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(names.size());
    int offset = 4 + names.size() * 4;
    List<byte[]> bytes = new ArrayList<>(names.size());
    for (String n : names) {
      byte[] b = n.getBytes(StandardCharsets.ISO_8859_1);
      bytes.add(b);
      out.writeInt(offset);
      offset += 4 + b.length;
    }
    for (byte[] b : bytes) {
      out.writeInt(b.length);
      out.write(b);
    }
    out.flush();
    return buffer.toByteArray();
  }

  /** A stored string table, its strings decoded on first use. */
  private static final class StringTable {
    private final ByteBuffer header;
    private final String[] table;

    StringTable(ByteBuffer header) {
      this.header = header;
      int n = header.remaining() >= 4 ? header.getInt(0) : 0;
      // A damaged count is bounded by the header's size; ids beyond the table fail as damaged.
      this.table = new String[Math.max(0, Math.min(n, (header.remaining() - 4) / 4))];
    }

    int size() {
      return table.length;
    }

    String get(int id) {
      String s = table[id];
      if (s == null) {
        int at = header.getInt(4 + id * 4);
        int len = header.getInt(at);
        byte[] b = new byte[len];
        header.get(at + 4, b);
        s = new String(b, StandardCharsets.ISO_8859_1);
        table[id] = s; // a racing thread decodes the same string: harmless
      }
      return s;
    }
  }

  private ModuleSymbols decode(ByteBuffer in) {
    int nm = in.getInt();
    List<ModinfoEntry> modinfo = new ArrayList<>(nm);
    for (int j = 0; j < nm; j++) {
      modinfo.add(new ModinfoEntry(strings.get(in.getInt()), strings.get(in.getInt())));
    }
    int ne = in.getInt();
    List<ExportedSymbol> exports = new ArrayList<>(ne);
    for (int j = 0; j < ne; j++) {
      exports.add(new ExportedSymbol(
          strings.get(in.getInt()), in.getLong(), BINDS[in.get()], in.get() != 0));
    }
    int nd = in.getInt();
    List<DependencySymbol> needs = new ArrayList<>(nd);
    for (int j = 0; j < nd; j++) {
      needs.add(new DependencySymbol(strings.get(in.getInt()), in.getLong(), BINDS[in.get()]));
    }
    return new ModuleSymbols(modinfo, exports, needs);
  }
}
