package dev.rdmaforge.fabric.render;

import dev.rdmaforge.io.Trees;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A first render's output, built as a hidden sibling ({@code .DIR.<pid>.rdmaforge-tmp}) and
 * renamed over the output directory when complete: the output appears whole or not at all, and
 * its files need no temporary files of their own. A failed render removes the sibling; so does
 * Ctrl-C or kill (a shutdown hook), except kill -9, which leaves it hidden.
 */
final class StagingTree implements AutoCloseable {
  private static final int WRITING = 0;
  private static final int PUBLISHED = 1;
  private static final int ABORTED = 2;

  private final Path output;
  private final Path dir;
  /** Orders the final rename and the shutdown hook: only one of them ever acts. */
  private final AtomicInteger state = new AtomicInteger(WRITING);
  private final Thread hook;

  private StagingTree(Path output, Path dir, NodeWriterPool writers) {
    this.output = output;
    this.dir = dir;
    this.hook = new Thread(() -> {
      if (state.compareAndSet(WRITING, ABORTED)) {
        writers.stop(5);
        Trees.deleteQuietly(dir); // what cannot be removed stays (it is hidden)
      }
    });
  }

  /**
   * Makes the hidden sibling of {@code output} (a missing or empty directory). One left by an
   * interrupted render of a process with this same id (ids are reused) is stale: this process is
   * the only one with the id.
   */
  static StagingTree create(Path output, NodeWriterPool writers) {
    Path dir = output.resolveSibling("." + output.getFileName() + "."
        + ProcessHandle.current().pid() + ".rdmaforge-tmp");
    try {
      Files.createDirectories(output.getParent());
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException ex) {
        Trees.deleteQuietly(dir); // what cannot be removed stays (it is hidden)
        Files.createDirectory(dir);
      }
    } catch (IOException ex) {
      throw new UserInputException(output + ": cannot create " + dir + ": "
          + IoReasons.describe(ex) + "; check that the output's parent directory is writable", ex);
    }
    StagingTree tree = new StagingTree(output, dir, writers);
    Runtime.getRuntime().addShutdownHook(tree.hook);
    return tree;
  }

  /** The hidden directory to write into. */
  Path dir() {
    return dir;
  }

  /**
   * Renames the finished tree to the output directory in one step. rename(2) replaces an empty
   * directory atomically, so an existing (empty) output directory is never missing in between;
   * if something was put into it meanwhile the rename fails and nothing is lost.
   */
  void publish() {
    if (!state.compareAndSet(WRITING, PUBLISHED)) {
      // the shutdown hook won: the process was told to exit (Ctrl-C, kill) and the tree is gone
      throw new UserInputException(output + ": render stopped because the process was told to"
          + " exit; nothing was written there");
    }
    try {
      if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
        // the empty directory the user made (say with mkdir -m 750) keeps its permissions
        Files.setPosixFilePermissions(dir, Files.getPosixFilePermissions(output));
      }
      Files.move(dir, output, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      state.set(WRITING); // not in place: close() removes it
      throw new UserInputException(output + ": cannot move the rendered tree into place: "
          + IoReasons.describe(ex) + "; the output directory must be empty or missing while"
          + " render fills it", ex);
    }
  }

  /** Removes the tree unless it was published (or the shutdown hook removes it). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ex) {
      return; // the JVM is exiting: the hook removes the tree unless it was published
    }
    if (state.get() == WRITING) {
      Trees.deleteQuietly(dir); // what cannot be removed stays (it is hidden)
    }
  }
}
