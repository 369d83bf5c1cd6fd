package dev.rdmaforge.check;

import dev.rdmaforge.depmod.ModuleDataCache.FileKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two facts {@code check} needs beyond what depmod's module cache holds: how many of a file's
 * dependency symbols are undefined symbols, and its signature with the digest of the signed bytes
 * (hashing 390 MB of modules is the expensive part of a cold run). Keyed like {@link
 * dev.rdmaforge.depmod.ModuleDataCache} by device, inode, size, mtime and ctime, so a changed file
 * is never served stale; written through a temporary file and a rename.
 */
final class ModuleFactsCache {
  private static final int MAGIC = 0x52464346; // "RFCF"
  private static final int VERSION = 1;
  private static final int MAX_ENTRIES = 60_000;

  /** What is cached for one file. */
  record Extras(int undefinedCount, byte[] signature) {}

  private final Path file;
  private final Map<FileKey, Extras> entries = new ConcurrentHashMap<>();
  private volatile boolean changed;

  private ModuleFactsCache(Path file) {
    this.file = file;
  }

  /** A cache that keeps nothing between runs. */
  static ModuleFactsCache inMemory() {
    return new ModuleFactsCache(null);
  }

  /** {@code $XDG_CACHE_HOME/rdmaforge/check-facts-v1.bin} or under {@code ~/.cache}. */
  static Path defaultFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("rdmaforge").resolve("check-facts-v" + VERSION + ".bin");
  }

  /** Opens the cache; a missing, corrupt or foreign file gives an empty cache. */
  static ModuleFactsCache open(Path file) {
    ModuleFactsCache cache = new ModuleFactsCache(file);
    if (Files.isRegularFile(file)) {
      try (DataInputStream in = new DataInputStream(
          new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        cache.load(in);
      } catch (IOException | RuntimeException e) {
        cache.entries.clear();
        cache.changed = true;
      }
    }
    return cache;
  }

  private void load(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      changed = true;
      return;
    }
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      FileKey key = new FileKey(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
          in.readLong());
      int undefined = in.readInt();
      byte[] signature = new byte[in.readInt()];
      in.readFully(signature);
      entries.put(key, new Extras(undefined, signature));
    }
  }

  Extras get(FileKey key) {
    return key == null ? null : entries.get(key);
  }

  void put(FileKey key, Extras extras) {
    if (key != null && entries.size() < MAX_ENTRIES) {
      entries.put(key, extras);
      changed = true;
    }
  }

  /** Writes the cache when something was added; failures only cost speed next time. */
  void save() {
    if (file == null || !changed) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".check-facts", ".tmp");
      try (OutputStream raw = Files.newOutputStream(temp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(entries.size());
        for (Map.Entry<FileKey, Extras> e : entries.entrySet()) {
          FileKey k = e.getKey();
          out.writeLong(k.dev());
          out.writeLong(k.ino());
          out.writeLong(k.size());
          out.writeLong(k.mtimeNanos());
          out.writeLong(k.ctimeNanos());
          out.writeInt(e.getValue().undefinedCount());
          out.writeInt(e.getValue().signature().length);
          out.write(e.getValue().signature());
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      changed = false;
    } catch (IOException e) {
      // only a cache
    }
  }
}
