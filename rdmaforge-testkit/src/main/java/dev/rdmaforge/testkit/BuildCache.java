package dev.rdmaforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The test kit's cache of things built or downloaded once (test modules, the test signing key,
 * kmod packages, Debian package files):
 *
 * <pre>
 * CACHE/.locks/GROUP.lock         file lock held while one JVM builds or checks an entry of GROUP
 * CACHE/GROUP/KEY/                a complete entry (GROUP: a kernel release, {@code test-key}, ...)
 * CACHE/GROUP/KEY.complete        stamp written last, after the entry was moved into place
 * CACHE/GROUP/KEY.partial/        a build in progress; deleted and redone when found unlocked
 * </pre>
 *
 * An entry without its stamp is the leftover of an interrupted run and is built again. Entries are
 * never changed once complete; callers copy files out of them before changing anything.
 */
public final class BuildCache {

  /** A FileLock is held per JVM, so threads of one JVM also need a lock of their own. */
  private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS =
      new ConcurrentHashMap<>();

  /** What fills a new entry. */
  @FunctionalInterface
  public interface Builder {
    /** Writes the entry's files into {@code dir} (empty, created for it). */
    void build(Path dir) throws IOException;
  }

  /**
   * A complete entry.
   *
   * @param dir the entry's directory
   * @param built whether this call built it (false: it was in the cache already)
   */
  public record Entry(Path dir, boolean built) {}

  private final Path dir;

  public BuildCache(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /**
   * The entry {@code GROUP/KEY}, built with {@code builder} first when the cache has no complete
   * copy. Safe when several threads and JVMs ask at once: one builds, the others wait and reuse.
   */
  public Entry entry(String group, String key, Builder builder) {
    Path lockFile = dir.resolve(".locks").resolve(group + ".lock");
    ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
    threadLock.lock();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return entryWhileLocked(group, key, builder);
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "test kit cache " + dir + ", entry " + group + "/" + key + ": " + e.getMessage(), e);
    } finally {
      threadLock.unlock();
    }
  }

  private Entry entryWhileLocked(String group, String key, Builder builder) throws IOException {
    Path groupDir = Files.createDirectories(dir.resolve(group));
    Path target = groupDir.resolve(key);
    Path stamp = groupDir.resolve(key + ".complete");
    if (Files.isRegularFile(stamp) && Files.isDirectory(target)) {
      return new Entry(target, false);
    }
    // Leftovers of an interrupted run: redo from scratch.
    Files.deleteIfExists(stamp);
    FileTrees.deleteRecursively(target);
    Path partial = groupDir.resolve(key + ".partial");
    FileTrees.deleteRecursively(partial);
    Files.createDirectories(partial);
    builder.build(partial);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    Path stampTmp = groupDir.resolve(key + ".complete.tmp");
    Files.writeString(stampTmp, Instant.now() + "\n", StandardCharsets.UTF_8);
    Files.move(stampTmp, stamp, StandardCopyOption.ATOMIC_MOVE);
    return new Entry(target, true);
  }
}
