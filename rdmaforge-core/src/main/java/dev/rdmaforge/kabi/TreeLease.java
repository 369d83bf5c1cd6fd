package dev.rdmaforge.kabi;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The exclusive use of a cached kernel tree while cells' files are added to it, checked and taken
 * out again. Composing a fresh copy per check would hard-link thousands of kernel modules, and a
 * new link changes each module's change time, which would make every run read every module again
 * (the module caches are keyed by it); so the cells' few files go into the cached tree itself.
 *
 * <p>A file lock keeps other runs out; every change is written to a journal before it is made,
 * so a run that dies leaves a journal the next lease undoes first. A kernel file that a cell's
 * file replaces is moved aside and put back.
 */
final class TreeLease implements AutoCloseable {
  private final Path dir;
  private final Path root;
  private final Path journal;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private int aside;

  private TreeLease(Path dir) throws IOException {
    this.dir = dir;
    this.root = dir.resolve("root");
    this.journal = dir.resolve("journal");
    this.lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    this.lock = lockChannel.lock();
  }

  /** Takes the tree of cache entry {@code dir}, undoing what a dead run left. */
  static TreeLease acquire(Path dir) {
    try {
      TreeLease lease = new TreeLease(dir);
      lease.undo();
      return lease;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the kernel cache entry " + dir, e);
    }
  }

  /** The tree. */
  Path root() {
    return root;
  }

  /** Puts {@code source} at {@code relPath} of the tree (a hard link, else a copy). */
  void add(String relPath, Path source) {
    try {
      Path target = root.resolve(relPath).normalize();
      if (!target.startsWith(root)) {
        throw new UserInputException(source + ": would be placed at " + relPath
            + ", outside the kernel tree");
      }
      List<Path> missing = new ArrayList<>();
      for (Path p = target.getParent(); !Files.exists(p); p = p.getParent()) {
        missing.add(p);
      }
      Collections.reverse(missing);
      for (Path p : missing) {
        log("D " + root.relativize(p));
        Files.createDirectory(p);
      }
      if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        String name = "aside-" + (aside++);
        log("A " + root.relativize(target) + "\t" + name);
        Files.move(target, dir.resolve(name));
      }
      log("F " + root.relativize(target));
      try {
        Files.createLink(target, source);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(source, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot place " + source + " in " + root, e);
    }
  }

  /** Takes out everything added, newest first, and puts back what was moved aside. */
  void undo() throws IOException {
    if (!Files.exists(journal)) {
      return;
    }
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    Collections.reverse(lines);
    for (String line : lines) {
      if (line.length() < 2) {
        continue;
      }
      String arg = line.substring(2);
      switch (line.charAt(0)) {
        case 'F' -> Files.deleteIfExists(root.resolve(arg));
        case 'D' -> {
          try {
            Files.deleteIfExists(root.resolve(arg));
          } catch (DirectoryNotEmptyException e) {
            // something else is in it: leave it
          }
        }
        case 'A' -> {
          String[] parts = arg.split("\t", 2);
          Path back = dir.resolve(parts[1]);
          if (Files.exists(back, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
              Files.move(back, root.resolve(parts[0]));
            } catch (FileAlreadyExistsException e) {
              Files.delete(root.resolve(parts[0]));
              Files.move(back, root.resolve(parts[0]));
            }
          }
        }
        default -> { }
      }
    }
    Files.delete(journal);
    aside = 0;
  }

  private void log(String line) throws IOException {
    Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
  }

  @Override
  public void close() {
    try {
      undo();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore the kernel tree " + root, e);
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        // the lock goes with the channel
      }
    }
  }
}
