package dev.rdmaforge.fabric.render;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes rendered files below an output directory as {@code DIR/<node>/<path>}, so that nothing
 * is lost: no reader and no interrupted render ever sees half a file where a complete one is
 * expected, and an earlier complete output is never destroyed.
 *
 * <ul>
 *   <li>A new or empty output directory is filled as a hidden sibling ({@code .DIR.<pid>
 *       .rdmaforge-tmp}) and renamed over it when every file is written: it appears complete or
 *       not at all. Its files need no temporary files of their own.
 *   <li>In an existing output directory each file that differs from the rendered bytes is written
 *       to a temporary file beside it and renamed over it; a file that already holds exactly the
 *       rendered bytes is left alone (its modification time kept).
 * </ul>
 *
 * <p>A large fabric means tens of thousands of small files. On a disk the time is the file
 * system's: each new file or directory allocates an inode (and a directory a block), each
 * removed one frees them. So a new tree costs one mkdir per directory and one open, write and
 * close per file, and nothing else; re-rendering an unchanged tree allocates nothing (it reads);
 * and nodes are written in parallel on more threads than cores, so that the waits overlap.
 */
public final class RenderWriter {
  /** Threads that wait on file-system calls; more than the cores, so their latency overlaps. */
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private RenderWriter() {}

  /** Writes every file; see the class comment for how. */
  public static WriteResult write(Path dir, List<RenderedFile> files) {
    Path root = dir.toAbsolutePath().normalize();
    List<Path> targets = new ArrayList<>(files.size());
    List<Path> relative = new ArrayList<>(files.size());
    Map<String, List<Integer>> byNode = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      RenderedFile f = files.get(i);
      Path target = root.resolve(f.relativePath()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new UserInputException(f.node() + ": node name would write outside " + root
            + "; rename the node");
      }
      targets.add(target);
      relative.add(root.relativize(target));
      byNode.computeIfAbsent(f.node(), n -> new ArrayList<>()).add(i);
    }
    Path base = realDirectory(root);
    boolean fresh = isNewOrEmpty(base);
    Path stage = fresh ? makeStage(base) : base;
    AtomicInteger unchanged = new AtomicInteger();
    // set by the first failure: the other threads stop at their next file, so a failed staging
    // tree is deleted only once nobody writes into it any more
    AtomicBoolean failed = new AtomicBoolean();
    ForkJoinPool pool = new ForkJoinPool(THREADS);
    boolean done = false;
    try {
      pool.submit(() -> byNode.values().parallelStream().forEach(indexes -> {
        NodeDirectories dirs = new NodeDirectories(stage);
        for (int i : indexes) {
          if (failed.get()) {
            return;
          }
          Path target = stage.resolve(relative.get(i));
          byte[] content = files.get(i).content().getBytes(StandardCharsets.UTF_8);
          try {
            if (fresh) {
              dirs.ensure(target.getParent());
              FileWrites.create(target, content);
            } else if (FileWrites.sameContent(target, content)) {
              unchanged.incrementAndGet();
            } else {
              FileWrites.replace(target, content, dirs);
            }
          } catch (IOException ex) {
            failed.set(true);
            throw new UserInputException(targets.get(i) + ": cannot write: "
                + why(ex, target, stage, root) + "; check that the output directory is writable",
                ex);
          } catch (RuntimeException ex) {
            failed.set(true);
            throw ex;
          }
        }
      })).get();
      if (fresh) {
        publish(stage, base);
      }
      done = true;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + root, ex);
    } catch (ExecutionException ex) {
      if (ex.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(ex.getCause());
    } finally {
      failed.set(!done);
      pool.shutdown();
      if (!done) {
        awaitQuietly(pool);
        if (fresh) {
          deleteTree(stage);
        }
      }
    }
    return new WriteResult(targets, files.size() - unchanged.get(), unchanged.get());
  }

  /** Waits until every writer thread has stopped (each stops at its next file once failed). */
  private static void awaitQuietly(ForkJoinPool pool) {
    try {
      pool.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The directory to write into: an existing output reached through a symbolic link is written
   * where the link points (the link stays), so the staging sibling is on the same file system.
   */
  private static Path realDirectory(Path root) {
    try {
      return Files.exists(root) ? root.toRealPath() : root;
    } catch (IOException ex) {
      throw cannotWrite(root, ex);
    }
  }

  private static boolean isNewOrEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir + ": exists and is not a directory; choose another output"
          + " directory");
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException ex) {
      throw cannotWrite(dir, ex);
    }
  }

  /**
   * Makes the hidden staging sibling. One left by an interrupted render of a process with this
   * same id (pids are reused) is stale, since this process is the only one with the id.
   */
  private static Path makeStage(Path root) {
    Path stage = root.resolveSibling("." + root.getFileName() + "." + ProcessHandle.current().pid()
        + ".rdmaforge-tmp");
    try {
      Files.createDirectories(root.getParent());
      try {
        Files.createDirectory(stage);
      } catch (FileAlreadyExistsException ex) {
        deleteTree(stage);
        Files.createDirectory(stage);
      }
    } catch (IOException ex) {
      throw cannotWrite(stage, ex);
    }
    return stage;
  }

  /**
   * Renames the finished staging tree to the output directory in one step. rename(2) replaces an
   * empty directory atomically, so an output directory that exists (empty) is never missing in
   * between; if something was put into it meanwhile the rename fails and nothing is lost.
   */
  private static void publish(Path stage, Path root) {
    try {
      if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        // the empty directory the user made (say with mkdir -m 750) keeps its permissions
        Files.setPosixFilePermissions(stage, Files.getPosixFilePermissions(root));
      }
      Files.move(stage, root, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UserInputException(root + ": cannot move the rendered tree into place: "
          + describe(ex) + "; the output directory must be empty or missing while render fills"
          + " it", ex);
    }
  }

  /** Removes a half-written staging tree; what cannot be removed stays (it is hidden). */
  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: the error that stopped the render is the one reported
    }
  }

  /**
   * Why {@code written} could not be written, naming the file or directory in its way when that
   * is what failed (as the user sees it: below the output directory, not the staging one).
   */
  private static String why(IOException ex, Path written, Path stage, Path root) {
    String why = describe(ex);
    if (ex instanceof FileSystemException fs && fs.getFile() != null) {
      Path file = Path.of(fs.getFile());
      if (!file.equals(written) && written.startsWith(file) && file.startsWith(stage)) {
        return root.resolve(stage.relativize(file)) + ": " + why;
      }
    }
    return why;
  }

  /** The reason alone: NIO's own messages are often just the path, which we print already. */
  private static String describe(IOException ex) {
    if (ex instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (ex instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (ex instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (ex instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (ex instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return ex.getMessage();
  }

  private static UserInputException cannotWrite(Path target, IOException ex) {
    return new UserInputException(target + ": cannot write: " + describe(ex)
        + "; check that the output directory is writable", ex);
  }
}
