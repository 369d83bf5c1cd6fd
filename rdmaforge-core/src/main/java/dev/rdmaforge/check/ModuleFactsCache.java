package dev.rdmaforge.check;

import dev.rdmaforge.depmod.KeyedCacheFile;
import dev.rdmaforge.depmod.ModuleDataCache.FileKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The facts {@code check} needs beyond what depmod's module cache holds: how many of a file's
 * dependency symbols are undefined symbols, its signature with the digest of the signed bytes
 * (hashing 390 MB of modules is the expensive part of a cold run), and the last signature verdict
 * with the trusted keys it was reached with (so a warm run neither decodes the signature nor
 * verifies it again). Keyed like {@link dev.rdmaforge.depmod.ModuleDataCache} by device, inode,
 * size, mtime and ctime, so a changed file is never served stale; kept in a mapped {@link
 * KeyedCacheFile} that holds what the last writing run used plus the most recently used others.
 */
final class ModuleFactsCache {
  private static final int MAGIC = 0x52464346; // "RFCF"
  private static final int VERSION = 2;
  private static final int MAX_ENTRIES = 40_000; // about ten full distribution trees
  private static final SignatureOutcome[] OUTCOMES = SignatureOutcome.values();

  /** What is cached for one file; the verdict may be replaced while checking. */
  static final class Extras {
    private final int undefinedCount;
    private final byte[] signature;
    private volatile Memo memo;
    private volatile ModuleFactsCache owner; // null until handed to a cache

    /** The signature verdict reached with the trusted keys named by {@code keySet}. */
    private record Memo(byte[] keySet, SignatureVerdict verdict) {}

    Extras(int undefinedCount, byte[] signature) {
      this(undefinedCount, signature, null);
    }

    private Extras(int undefinedCount, byte[] signature, Memo memo) {
      this.undefinedCount = undefinedCount;
      this.signature = signature;
      this.memo = memo;
    }

    int undefinedCount() {
      return undefinedCount;
    }

    /** The {@link dev.rdmaforge.kernel.keys.SignedContentDigest#toBytes()} encoding. */
    byte[] signature() {
      return signature;
    }

    SignatureVerdict verdict(byte[] keySet) {
      Memo m = memo;
      return m != null && Arrays.equals(m.keySet(), keySet) ? m.verdict() : null;
    }

    void remember(byte[] keySet, SignatureVerdict verdict) {
      Memo m = memo;
      if (m != null && Arrays.equals(m.keySet(), keySet) && m.verdict().equals(verdict)) {
        return;
      }
      memo = new Memo(keySet.clone(), verdict);
      ModuleFactsCache cache = owner;
      if (cache != null) {
        cache.added.incrementAndGet();
      }
    }
  }

  private final Path file;
  private final KeyedCacheFile stored;
  private final Map<FileKey, Extras> entries = new ConcurrentHashMap<>(8192);
  private final AtomicInteger added = new AtomicInteger(); // entries and verdicts new this run
  private volatile boolean damaged;

  private ModuleFactsCache(Path file, KeyedCacheFile stored) {
    this.file = file;
    this.stored = stored;
    this.damaged = stored.damaged();
  }

  /** A cache that keeps nothing between runs. */
  static ModuleFactsCache inMemory() {
    return new ModuleFactsCache(null, KeyedCacheFile.empty());
  }

  /** {@code $XDG_CACHE_HOME/rdmaforge/check-facts-v2.bin} or under {@code ~/.cache}. */
  static Path defaultFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("rdmaforge").resolve("check-facts-v" + VERSION + ".bin");
  }

  /** Opens the cache; a missing, corrupt or foreign file gives an empty cache. */
  static ModuleFactsCache open(Path file) {
    return new ModuleFactsCache(file, KeyedCacheFile.open(file, MAGIC, VERSION));
  }

  Extras get(FileKey key) {
    if (key == null) {
      return null;
    }
    Extras e = entries.get(key);
    if (e == null && file != null) {
      try {
        ByteBuffer payload = stored.payload(key);
        if (payload != null) {
          e = decode(payload);
          e.owner = this;
          Extras raced = entries.putIfAbsent(key, e);
          e = raced != null ? raced : e;
        }
      } catch (RuntimeException damagedEntry) {
        damaged = true; // read again from the module, and the file rewritten
        return null;
      }
    }
    return e;
  }

  void put(FileKey key, Extras extras) {
    if (key != null) {
      extras.owner = this;
      entries.put(key, extras);
      added.incrementAndGet();
    }
  }

  /**
   * Writes the cache when enough entries or verdicts were added ({@link
   * KeyedCacheFile#worthWriting}) or the file was damaged; failures only cost speed next time. What this run used is kept, then the most recently used others up to {@value
   * #MAX_ENTRIES}.
   */
  void save() {
    if (file == null || !damaged && !stored.worthWriting(added.get())) {
      return;
    }
    long now = System.currentTimeMillis();
    // Merge with the file as it is now: other runs may have saved their trees meanwhile.
    KeyedCacheFile current = KeyedCacheFile.open(file, MAGIC, VERSION);
    List<KeyedCacheFile.Stored> all = new ArrayList<>();
    for (KeyedCacheFile.Stored st : current.stored()) {
      if (!entries.containsKey(st.key())) {
        all.add(st);
      }
    }
    for (FileKey k : entries.keySet()) {
      all.add(new KeyedCacheFile.Stored(k, now, -1, -1));
    }
    try {
      List<KeyedCacheFile.Entry> out = new ArrayList<>();
      for (KeyedCacheFile.Stored st :
          KeyedCacheFile.newest(all, KeyedCacheFile.Stored::stamp, MAX_ENTRIES)) {
        Extras live = entries.get(st.key());
        byte[] payload;
        if (live != null) {
          payload = encode(live);
        } else {
          try {
            ByteBuffer raw = current.payload(st);
            payload = new byte[raw.remaining()];
            raw.get(payload);
          } catch (RuntimeException damaged) {
            continue;
          }
        }
        out.add(new KeyedCacheFile.Entry(st.key(), st.stamp(), payload));
      }
      KeyedCacheFile.write(file, MAGIC, VERSION, new byte[0], out);
      added.set(0);
      damaged = false;
    } catch (IOException | RuntimeException e) {
      // only a cache
    }
  }

  // Payload: undefined count, signature encoding (length + bytes), then whether a verdict follows
  // and, if so, the 32-byte key-set name, the outcome's ordinal, the signer and the detail.

  private static byte[] encode(Extras e) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(e.signature.length + 256);
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(e.undefinedCount);
    out.writeInt(e.signature.length);
    out.write(e.signature);
    Extras.Memo m = e.memo;
    out.writeBoolean(m != null);
    if (m != null) {
      out.write(verdict(m));
    }
    out.flush();
    return buffer.toByteArray();
  }

  private static byte[] verdict(Extras.Memo m) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeByte(m.keySet().length);
    out.write(m.keySet());
    out.writeByte(m.verdict().outcome().ordinal());
    writeString(out, m.verdict().signer());
    writeString(out, m.verdict().detail());
    out.flush();
    return buffer.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static Extras decode(ByteBuffer in) {
    int undefined = in.getInt();
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalStateException("damaged entry");
    }
    byte[] signature = new byte[length];
    in.get(signature);
    Extras.Memo memo = null;
    if (in.get() != 0) {
      byte[] keySet = new byte[in.get() & 0xff];
      in.get(keySet);
      SignatureOutcome outcome = OUTCOMES[in.get()];
      memo = new Extras.Memo(keySet,
          new SignatureVerdict(outcome, utf(in), utf(in)));
    }
    return new Extras(undefined, signature, memo);
  }

  private static String utf(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalStateException("damaged entry");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
