package dev.rdmaforge.depmod;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.SymbolBind;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A warm index of parsed modules, kept in the user's cache directory (never inside the tree being
 * read), so that a second depmod over the same files skips parsing 4,000 ELF images.
 *
 * <p>An entry is keyed by the file's device, inode, size, modification time and change time (all
 * in nanoseconds where the filesystem has them). Any write to a file changes its change time, which
 * no user can set back, so a stale entry is never used; hard-linked copies of a tree share inodes
 * and so share entries. The file is rewritten through a temporary name and a rename; a file that
 * cannot be read (corrupt, other version) is ignored and replaced.
 */
public final class ModuleDataCache {
  private static final int MAGIC = 0x52464d43; // "RFMC"
  private static final int VERSION = 1;
  private static final int MAX_ENTRIES = 60_000;
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
  private final Map<FileKey, ModuleSymbols> entries = new ConcurrentHashMap<>();
  private final Map<FileKey, Integer> stored = new HashMap<>(); // read-only after open
  private String[] table;
  private ByteBuffer buffer;
  private final Map<FileKey, Boolean> used = new ConcurrentHashMap<>();
  private volatile boolean changed;

  private ModuleDataCache(Path file) {
    this.file = file;
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
    ModuleDataCache cache = new ModuleDataCache(file);
    if (Files.isRegularFile(file)) {
      try {
        cache.load(ByteBuffer.wrap(Files.readAllBytes(file)));
      } catch (IOException | RuntimeException e) {
        cache.entries.clear(); // corrupt or from another version: rebuilt on save
        cache.stored.clear();
        cache.changed = true;
      }
    }
    return cache;
  }

  /** The cached data for {@code key}, or null. */
  public ModuleSymbols get(FileKey key) {
    if (key == null) {
      return null;
    }
    ModuleSymbols s = entries.get(key);
    if (s == null) {
      Integer offset = stored.get(key);
      if (offset != null) {
        s = decode(offset);
        entries.put(key, s);
      }
    }
    if (s != null) {
      used.put(key, Boolean.TRUE);
    }
    return s;
  }

  /** Remembers the data parsed from the file with {@code key}. */
  public void put(FileKey key, ModuleSymbols symbols) {
    if (key != null) {
      entries.put(key, symbols);
      used.put(key, Boolean.TRUE);
      changed = true;
    }
  }

  /** Writes the cache back when it changed; failures only cost speed next time. */
  public void save() {
    if (!changed) {
      return;
    }
    for (Map.Entry<FileKey, Integer> e : stored.entrySet()) {
      entries.computeIfAbsent(e.getKey(), k -> decode(e.getValue()));
    }
    if (entries.size() > MAX_ENTRIES) {
      entries.keySet().retainAll(used.keySet()); // keep what this run needed
    }
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (OutputStream raw = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        write(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      changed = false;
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary name is unique; nothing else depends on it
        }
      }
    }
  }

  // Layout: magic, version, string table (count, then each as length + ISO-8859-1 bytes), entry
  // count, then per entry the key's five longs and the three lists, strings as table indexes.

  private void write(DataOutputStream out) throws IOException {
    Map<String, Integer> ids = new HashMap<>();
    List<String> table = new ArrayList<>();
    for (ModuleSymbols s : entries.values()) {
      for (ModinfoEntry e : s.modinfo()) {
        intern(e.key(), ids, table);
        intern(e.value(), ids, table);
      }
      for (ExportedSymbol e : s.exports()) {
        intern(e.name(), ids, table);
      }
      for (DependencySymbol d : s.needs()) {
        intern(d.name(), ids, table);
      }
    }
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(table.size());
    for (String str : table) {
      byte[] b = str.getBytes(StandardCharsets.ISO_8859_1);
      out.writeInt(b.length);
      out.write(b);
    }
    out.writeInt(entries.size());
    for (Map.Entry<FileKey, ModuleSymbols> e : entries.entrySet()) {
      FileKey k = e.getKey();
      out.writeLong(k.dev());
      out.writeLong(k.ino());
      out.writeLong(k.size());
      out.writeLong(k.mtimeNanos());
      out.writeLong(k.ctimeNanos());
      ModuleSymbols s = e.getValue();
      out.writeInt(s.modinfo().size());
      for (ModinfoEntry m : s.modinfo()) {
        out.writeInt(ids.get(m.key()));
        out.writeInt(ids.get(m.value()));
      }
      out.writeInt(s.exports().size());
      for (ExportedSymbol x : s.exports()) {
        out.writeInt(ids.get(x.name()));
        out.writeLong(x.crc());
        out.writeByte(x.bind().ordinal());
        out.writeBoolean(x.gplOnly());
      }
      out.writeInt(s.needs().size());
      for (DependencySymbol d : s.needs()) {
        out.writeInt(ids.get(d.name()));
        out.writeLong(d.crc());
        out.writeByte(d.bind().ordinal());
      }
    }
  }

  private static void intern(String s, Map<String, Integer> ids, List<String> table) {
    if (!ids.containsKey(s)) {
      ids.put(s, table.size());
      table.add(s);
    }
  }

  /**
   * Reads the string table and the keys; an entry's lists are decoded only when it is asked for,
   * so opening costs one read of the file and a walk over it.
   */
  private void load(ByteBuffer in) throws IOException {
    if (in.getInt() != MAGIC || in.getInt() != VERSION) {
      throw new IOException("not an rdmaforge module cache of version " + VERSION);
    }
    int n = in.getInt();
    table = new String[n];
    byte[] data = in.array();
    for (int i = 0; i < n; i++) {
      int len = in.getInt();
      table[i] = new String(data, in.position(), len, StandardCharsets.ISO_8859_1);
      in.position(in.position() + len);
    }
    buffer = in;
    int count = in.getInt();
    for (int i = 0; i < count; i++) {
      FileKey key = new FileKey(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
      stored.put(key, in.position());
      int nm = in.getInt();
      in.position(in.position() + nm * 8);
      int ne = in.getInt();
      in.position(in.position() + ne * (4 + 8 + 1 + 1));
      int nd = in.getInt();
      in.position(in.position() + nd * (4 + 8 + 1));
    }
  }

  private ModuleSymbols decode(int offset) {
    ByteBuffer in = buffer.duplicate();
    in.position(offset);
    int nm = in.getInt();
    List<ModinfoEntry> modinfo = new ArrayList<>(nm);
    for (int j = 0; j < nm; j++) {
      modinfo.add(new ModinfoEntry(table[in.getInt()], table[in.getInt()]));
    }
    int ne = in.getInt();
    List<ExportedSymbol> exports = new ArrayList<>(ne);
    for (int j = 0; j < ne; j++) {
      exports.add(new ExportedSymbol(
          table[in.getInt()], in.getLong(), BINDS[in.get()], in.get() != 0));
    }
    int nd = in.getInt();
    List<DependencySymbol> needs = new ArrayList<>(nd);
    for (int j = 0; j < nd; j++) {
      needs.add(new DependencySymbol(table[in.getInt()], in.getLong(), BINDS[in.get()]));
    }
    return new ModuleSymbols(modinfo, exports, needs);
  }
}
