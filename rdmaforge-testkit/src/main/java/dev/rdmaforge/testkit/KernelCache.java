package dev.rdmaforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The test kit's cache of unpacked Debian packages, one directory per kernel release:
 *
 * <pre>
 * CACHE/.locks/RELEASE.lock          file lock held while one JVM fetches or checks RELEASE
 * CACHE/RELEASE/PART/                {@code dpkg-deb -x} of the package (PART = root, headers)
 * CACHE/RELEASE/PART.complete        stamp written last: names the .deb that was unpacked
 * CACHE/RELEASE/PART.partial/        an unpack in progress (deleted and redone when found)
 * </pre>
 *
 * A part without its stamp is incomplete (an interrupted run) and is unpacked again. The {@code
 * .deb} is deleted once unpacked; the unpacked tree is reused by later runs.
 */
final class KernelCache {

  /** In-JVM locks: a FileLock is held per JVM, so threads of one JVM also need a lock. */
  private static final ConcurrentHashMap<String, ReentrantLock> THREAD_LOCKS =
      new ConcurrentHashMap<>();

  private final Path dir;

  KernelCache(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /**
   * The unpacked contents of {@code packageName} for {@code release} as {@code part}, fetching and
   * unpacking them first when no complete copy is cached. Safe when several JVMs ask at once.
   */
  Path unpacked(String release, String part, String packageName) {
    ReentrantLock threadLock = THREAD_LOCKS.computeIfAbsent(release, r -> new ReentrantLock());
    threadLock.lock();
    try {
      Path lockDir = Files.createDirectories(dir.resolve(".locks"));
      try (FileChannel channel =
          FileChannel.open(
              lockDir.resolve(release + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return unpackedWhileLocked(release, part, packageName);
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("kernel cache " + dir + ": " + e.getMessage(), e);
    } finally {
      threadLock.unlock();
    }
  }

  private Path unpackedWhileLocked(String release, String part, String packageName)
      throws IOException {
    Path releaseDir = Files.createDirectories(dir.resolve(release));
    Path target = releaseDir.resolve(part);
    Path stamp = releaseDir.resolve(part + ".complete");
    if (Files.isRegularFile(stamp) && Files.isDirectory(target)) {
      return target;
    }
    // Leftovers of an interrupted run: redo from scratch.
    Files.deleteIfExists(stamp);
    FileTrees.deleteRecursively(target);
    Path partial = releaseDir.resolve(part + ".partial");
    FileTrees.deleteRecursively(partial);
    Path downloads = releaseDir.resolve(part + ".download");
    FileTrees.deleteRecursively(downloads);
    Files.createDirectories(downloads);

    AptArchive.download(downloads, List.of(packageName));
    Path deb = onlyDeb(downloads, packageName);
    Processes.runChecked(null, List.of("dpkg-deb", "-x", deb.toString(), partial.toString()));
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    Path stampTmp = releaseDir.resolve(part + ".complete.tmp");
    Files.writeString(stampTmp, deb.getFileName() + "\n", StandardCharsets.UTF_8);
    Files.move(stampTmp, stamp, StandardCopyOption.ATOMIC_MOVE);
    FileTrees.deleteRecursively(downloads);
    return target;
  }

  private static Path onlyDeb(Path downloads, String packageName) throws IOException {
    try (DirectoryStream<Path> debs = Files.newDirectoryStream(downloads, packageName + "_*.deb")) {
      for (Path deb : debs) {
        return deb;
      }
    }
    throw new IllegalStateException(
        "apt-get download " + packageName + " left no " + packageName + "_*.deb in " + downloads);
  }
}
