package dev.rdmaforge.build.store;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed store of build outputs in one directory, safe for several processes and
 * threads at once.
 *
 * <pre>
 * STORE/entries/KEY/entry.json   the manifest ({@link EntryManifest}): every file's SHA-256
 * STORE/entries/KEY/files/...    the entry's files
 * STORE/entries/KEY/last-used    its modification time is when the entry was last used
 * STORE/tmp/ID/                  entries being made or removed
 * STORE/locks/                   lock files ({@link StoreLocks}); never deleted
 * </pre>
 *
 * <p>{@link #put} makes an entry in {@code tmp/} and renames it into {@code entries/} (one rename
 * of a directory: a reader sees the whole entry or none); while one process makes an entry,
 * others putting the same key wait and then get it; should two ever race, the entry already there
 * wins and the loser's directory is deleted. {@link #get} checks every file against the manifest:
 * a corrupt entry is reported and removed so that the next {@code put} makes it again. An open
 * store holds its entries in use until {@link #close}: {@link #gc} in any process leaves them.
 * Directories left in {@code tmp/} by a killed process are removed when a store is opened and no
 * other process has it open.
 */
public final class ContentStore implements AutoCloseable {
  static final String ENTRIES = "entries";
  static final String TMP = "tmp";
  static final String LOCKS = "locks";
  static final String MANIFEST = "entry.json";
  static final String FILES = "files";
  static final String LAST_USED = "last-used";
  static final String STORE_LOCK = "store.lock";

  private final Path dir;
  private final StoreLocks locks;
  private final Clock clock;
  private final StoreLocks.Lease storeLease;
  private final Map<String, StoreLocks.Lease> inUse = new HashMap<>();
  private final List<Path> cleaned;
  private boolean closed;

  private ContentStore(Path dir, StoreLocks locks, Clock clock, List<Path> cleaned) {
    this.dir = dir;
    this.locks = locks;
    this.clock = clock;
    this.cleaned = cleaned;
    this.storeLease = locks.shared(STORE_LOCK);
  }

  /** Opens (making it when missing) the store in {@code dir}. */
  public static ContentStore open(Path dir) {
    return open(dir, Clock.systemUTC());
  }

  /** Opens the store with a clock (tests). */
  static ContentStore open(Path dir, Clock clock) {
    Path real;
    try {
      Files.createDirectories(dir);
      real = dir.toRealPath();
      for (String sub : List.of(ENTRIES, TMP, LOCKS)) {
        Files.createDirectories(real.resolve(sub));
      }
    } catch (IOException e) {
      throw new UserInputException(dir + ": cannot make the store directory: " + e.getMessage()
          + "; give a writable directory with --store");
    }
    StoreLocks locks = StoreLocks.of(real.resolve(LOCKS));
    List<Path> cleaned = new ArrayList<>();
    // Leftovers of killed runs: only when no other process (or store of this JVM) has it open.
    Optional<StoreLocks.Lease> alone = locks.tryExclusive(STORE_LOCK);
    if (alone.isPresent()) {
      try (StoreLocks.Lease l = alone.get()) {
        cleaned.addAll(cleanTmp(real.resolve(TMP)));
      }
    }
    return new ContentStore(real, locks, clock, cleaned);
  }

  /** The default store: {@code $XDG_CACHE_HOME/rdmaforge/store}, or {@code ~/.cache/...}. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("rdmaforge").resolve("store");
  }

  /** The store's directory (real path). */
  public Path directory() {
    return dir;
  }

  /** The leftover temporary directories removed when this store was opened. */
  public List<Path> cleanedOnOpen() {
    return List.copyOf(cleaned);
  }

  /**
   * The entry of {@code key}, verified against its manifest; a corrupt entry is removed and
   * reported in {@link StoreLookup#corruption()}.
   */
  public StoreLookup get(StepKey key) {
    return get(key.hex());
  }

  /** {@link #get(StepKey)} by the key's hex. */
  public StoreLookup get(String key) {
    checkKey(key);
    use(key);
    Optional<String> problem = verify(key);
    if (problem.isEmpty()) {
      return new StoreLookup(entry(key, false), Optional.empty());
    }
    if (problem.get().isEmpty()) {
      return new StoreLookup(Optional.empty(), Optional.empty());
    }
    try (StoreLocks.Lease b = locks.build(key)) {
      // Another process may have replaced it meanwhile: check again under the lock.
      Optional<String> again = verify(key);
      if (again.isEmpty()) {
        return new StoreLookup(entry(key, false), Optional.empty());
      }
      if (!again.get().isEmpty()) {
        removeEntry(key);
      }
    }
    return new StoreLookup(Optional.empty(),
        Optional.of("entry " + key + " was corrupt (" + problem.get() + ") and was removed"));
  }

  /**
   * The entry of {@code key}: the one in the store if it is intact, else what {@code producer}
   * writes, published with one rename. If the producer fails, nothing is published.
   */
  public StoreEntry put(StepKey key, EntryProducer producer) throws IOException {
    String hex = key.hex();
    use(hex);
    try (StoreLocks.Lease b = locks.build(hex)) {
      Optional<String> problem = verify(hex);
      if (problem.isEmpty()) {
        return entry(hex, false).orElseThrow();
      }
      if (!problem.get().isEmpty()) {
        removeEntry(hex);
      }
      Path temp = dir.resolve(TMP).resolve(hex.substring(0, 12) + "-" + UUID.randomUUID());
      try {
        Path files = Files.createDirectories(temp.resolve(FILES));
        producer.produce(files);
        EntryManifest.of(key, clock.instant(), files).write(temp.resolve(MANIFEST));
        touch(temp.resolve(LAST_USED));
        if (!publish(temp, dir.resolve(ENTRIES).resolve(hex))) {
          return entry(hex, false).orElseThrow(() -> new IOException("entry " + hex
              + " was published by another process and is gone again"));
        }
        temp = null;
        return entry(hex, true).orElseThrow();
      } finally {
        if (temp != null) {
          deleteTree(temp);
        }
      }
    }
  }

  /** Every entry, most recently used first. */
  public List<EntryInfo> list() {
    List<EntryInfo> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve(ENTRIES))) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String key = p.getFileName().toString();
        if (StepKey.isKey(key)) {
          out.add(info(p, key));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.resolve(ENTRIES), e);
    }
    out.sort(Comparator.comparing(EntryInfo::lastUsed).reversed()
        .thenComparing(EntryInfo::key));
    return out;
  }

  /** Removes entries as {@code request} says; never one in use by a running build. */
  public GcResult gc(GcRequest request) {
    List<EntryInfo> entries = new ArrayList<>(list());
    entries.sort(Comparator.comparing(EntryInfo::lastUsed).thenComparing(EntryInfo::key));
    long total = entries.stream().mapToLong(EntryInfo::size).sum();
    List<EntryInfo> removed = new ArrayList<>();
    List<EntryInfo> kept = new ArrayList<>();
    long freed = 0;
    for (EntryInfo e : entries) {
      boolean old = request.olderThan()
          .map(age -> e.lastUsed().isBefore(request.now().minus(age))).orElse(false);
      boolean tooBig = request.maxSize().isPresent()
          && total - freed > request.maxSize().getAsLong();
      if (!old && !tooBig) {
        continue;
      }
      Optional<StoreLocks.Lease> exclusive = locks.tryExclusive(e.key() + ".use");
      if (exclusive.isEmpty()) {
        kept.add(e);
        continue;
      }
      try (StoreLocks.Lease l = exclusive.get()) {
        if (!request.dryRun()) {
          try (StoreLocks.Lease b = locks.build(e.key())) {
            removeEntry(e.key());
          }
        }
      }
      removed.add(e);
      freed += e.size();
    }
    return new GcResult(removed, kept, freed, total - freed);
  }

  /** Releases every entry this store used, and the store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    inUse.values().forEach(StoreLocks.Lease::close);
    inUse.clear();
    storeLease.close();
  }

  private synchronized void use(String key) {
    if (closed) {
      throw new IllegalStateException("the store " + dir + " is closed");
    }
    if (!inUse.containsKey(key)) {
      inUse.put(key, locks.shared(key + ".use"));
    }
  }

  /** Empty when intact; an empty string when absent; the problem otherwise. */
  private Optional<String> verify(String key) {
    Path entry = dir.resolve(ENTRIES).resolve(key);
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("");
    }
    EntryManifest manifest;
    try {
      manifest = EntryManifest.read(entry.resolve(MANIFEST));
    } catch (IOException e) {
      return Optional.of("its manifest is unreadable: " + e.getMessage());
    }
    if (!manifest.key().equals(key)) {
      return Optional.of("its manifest is of key " + manifest.key());
    }
    Path files = entry.resolve(FILES);
    if (!Files.isDirectory(files, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("it has no files/ directory");
    }
    return manifest.verify(files);
  }

  private Optional<StoreEntry> entry(String key, boolean produced) {
    Path entry = dir.resolve(ENTRIES).resolve(key);
    try {
      EntryManifest manifest = EntryManifest.read(entry.resolve(MANIFEST));
      touch(entry.resolve(LAST_USED));
      return Optional.of(new StoreEntry(key, entry.resolve(FILES), manifest, produced));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private EntryInfo info(Path entry, String key) {
    Instant lastUsed = modified(entry.resolve(LAST_USED)).orElse(Instant.EPOCH);
    try {
      EntryManifest m = EntryManifest.read(entry.resolve(MANIFEST));
      return new EntryInfo(key, m.size(), m.created(), lastUsed, m.label());
    } catch (IOException e) {
      return new EntryInfo(key, 0, Instant.EPOCH, lastUsed, "(unreadable manifest)");
    }
  }

  /** Renames {@code temp} to {@code target}; false if an entry was already there. */
  private static boolean publish(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      return false;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + temp + " to " + target + " in one step; the"
          + " store must be on one file system", e);
    }
  }

  /** Moves an entry out of {@code entries/} in one rename, then deletes it. */
  private void removeEntry(String key) {
    Path entry = dir.resolve(ENTRIES).resolve(key);
    Path gone = dir.resolve(TMP).resolve("removed-" + key.substring(0, 12) + "-"
        + UUID.randomUUID());
    try {
      Files.move(entry, gone, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(gone);
    } catch (java.nio.file.NoSuchFileException e) {
      // removed by someone else already
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the store entry " + entry, e);
    }
  }

  private void touch(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
  }

  private static Optional<Instant> modified(Path p) {
    try {
      return Optional.of(Files.getLastModifiedTime(p).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static List<Path> cleanTmp(Path tmp) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        deleteTree(p);
        out.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + tmp, e);
    }
    return out;
  }

  private static void checkKey(String key) {
    if (!StepKey.isKey(key)) {
      throw new IllegalArgumentException("not a store key: " + key);
    }
  }

  /** Deletes a tree without following links; makes read-only directories writable first. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
            throws IOException {
          d.toFile().setWritable(true, true);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          Files.delete(f);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
