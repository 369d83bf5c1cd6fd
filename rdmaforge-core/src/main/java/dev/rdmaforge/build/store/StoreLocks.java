package dev.rdmaforge.build.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The locks of one store directory, shared by every {@link ContentStore} of this JVM on it.
 *
 * <p>Between processes, {@link FileChannel} locks on files in {@code locks/}: the whole store
 * ({@code store.lock}: shared while a store is open, exclusive to clean temporary directories),
 * each entry's use ({@code KEY.use}: shared while a build may read the entry, exclusive to remove
 * it) and each entry's making ({@code KEY.build}: exclusive while one process makes or removes
 * it). The operating system drops them when a process dies, even by {@code kill -9}. Lock files are
 * never deleted, because a process could be about to lock the one deleted.
 *
 * <p>Inside one JVM, file locks are per process and may not overlap, so the same rules are kept
 * with counts and waits under this object's monitor; a file lock is taken by the first holder in
 * the JVM and released by the last.
 */
final class StoreLocks {
  private static final Map<Path, StoreLocks> BY_STORE = new HashMap<>();

  private final Path locks;
  private final Map<String, Held> shared = new HashMap<>();
  private final Set<String> exclusive = new HashSet<>();
  private final Set<String> building = new HashSet<>();

  private StoreLocks(Path locks) {
    this.locks = locks;
  }

  /** The locks of the store whose lock directory (real path) is {@code locks}. */
  static synchronized StoreLocks of(Path locks) {
    return BY_STORE.computeIfAbsent(locks, StoreLocks::new);
  }

  /** A held lock; closing releases it. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** Shared hold of {@code name} ({@code store} or an entry's {@code KEY.use}); waits. */
  Lease shared(String name) {
    synchronized (this) {
      while (exclusive.contains(name)) {
        await();
      }
      Held h = shared.get(name);
      if (h != null) {
        h.count++;
        return () -> releaseShared(name);
      }
      // First holder in this JVM: keep others of this JVM out until the file lock is ours.
      exclusive.add(name);
    }
    Held h = null;
    try {
      FileChannel ch = channel(name);
      h = new Held(ch, lockOrClose(ch, true));
      h.count = 1;
    } finally {
      synchronized (this) {
        exclusive.remove(name);
        if (h != null) {
          shared.put(name, h);
        }
        notifyAll();
      }
    }
    return () -> releaseShared(name);
  }

  /**
   * Exclusive hold of {@code name} if nobody, in this JVM or another process, holds it now;
   * empty otherwise. Never waits.
   */
  Optional<Lease> tryExclusive(String name) {
    synchronized (this) {
      if (shared.containsKey(name) || exclusive.contains(name)) {
        return Optional.empty();
      }
      exclusive.add(name);
    }
    FileChannel ch = null;
    FileLock lock = null;
    try {
      ch = channel(name);
      lock = ch.tryLock(0, Long.MAX_VALUE, false);
    } catch (IOException e) {
      closeQuietly(ch);
      release(name);
      throw new UncheckedIOException("cannot lock " + locks.resolve(name), e);
    }
    if (lock == null) {
      closeQuietly(ch);
      release(name);
      return Optional.empty();
    }
    FileChannel held = ch;
    return Optional.of(() -> {
      closeQuietly(held);
      release(name);
    });
  }

  /** Exclusive making of an entry ({@code KEY.build}); waits for other makers. */
  Lease build(String key) {
    String name = key + ".build";
    synchronized (this) {
      while (building.contains(name)) {
        await();
      }
      building.add(name);
    }
    try {
      FileChannel ch = channel(name);
      lockOrClose(ch, false);
      return () -> {
        closeQuietly(ch);
        synchronized (this) {
          building.remove(name);
          notifyAll();
        }
      };
    } catch (RuntimeException e) {
      synchronized (this) {
        building.remove(name);
        notifyAll();
      }
      throw e;
    }
  }

  private synchronized void release(String name) {
    exclusive.remove(name);
    notifyAll();
  }

  private synchronized void releaseShared(String name) {
    Held h = shared.get(name);
    if (h == null) {
      return;
    }
    if (--h.count == 0) {
      shared.remove(name);
      closeQuietly(h.channel);
      notifyAll();
    }
  }

  private FileChannel channel(String name) {
    try {
      return FileChannel.open(locks.resolve(name), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the lock file " + locks.resolve(name), e);
    }
  }

  private FileLock lockOrClose(FileChannel ch, boolean sharedLock) {
    try {
      return ch.lock(0, Long.MAX_VALUE, sharedLock);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot lock " + ch, e);
    }
  }

  private void await() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a store lock", e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) {
      return;
    }
    try {
      ch.close(); // releases the lock
    } catch (IOException ignored) {
      // the lock goes with the channel's descriptor
    }
  }

  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int count;

    Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }
}
