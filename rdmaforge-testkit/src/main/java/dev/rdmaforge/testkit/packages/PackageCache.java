package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.FileTrees;
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
 * The test kit's cache of built packages and downloaded package files, laid out like the module
 * cache:
 *
 * <pre>
 * CACHE/.locks/GROUP.lock       file lock held while one JVM builds or checks an entry of GROUP
 * CACHE/GROUP/KEY/              a complete entry
 * CACHE/GROUP/KEY.complete      stamp written last, after the entry was moved into place
 * CACHE/GROUP/KEY.partial/      a build in progress; deleted and redone when found unlocked
 * </pre>
 */
final class PackageCache {
  private static final ConcurrentHashMap<Path, ReentrantLock> THREAD_LOCKS =
      new ConcurrentHashMap<>();

  /** What fills a new entry. */
  @FunctionalInterface
  interface Builder {
    /** Writes the entry's files into {@code dir} (empty, created for it). */
    void build(Path dir) throws IOException;
  }

  /**
   * A complete entry.
   *
   * @param dir its directory
   * @param built whether this call built it
   */
  record Entry(Path dir, boolean built) {}

  private final Path dir;

  PackageCache(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The entry {@code GROUP/KEY}, built first when missing; one builder across threads and JVMs. */
  Entry entry(String group, String key, Builder builder) {
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
          "test package cache " + dir + ", entry " + group + "/" + key + ": " + e.getMessage(), e);
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
