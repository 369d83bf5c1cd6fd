package dev.rdmaforge.fabric.render;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Writes rendered files below an output directory as {@code DIR/<node>/<path>}. Each file is
 * written to a temporary file in its target directory and then renamed into place, so a reader
 * (or a crash) never sees half a file.
 *
 * <p>A large fabric means tens of thousands of small files, where the file system's latency, not
 * the CPU, decides the time: nodes are written in parallel on more threads than cores, each
 * directory is created once (parents first, no repeated existence checks), and temporary names
 * are derived from the target and the process id instead of a random-name search.
 */
public final class RenderWriter {
  /** Threads that wait on file-system calls; more than the cores, so their latency overlaps. */
  private static final int THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private RenderWriter() {}

  /** Writes every file; returns the paths written, in the order given. */
  public static List<Path> write(Path dir, List<RenderedFile> files) {
    Path root = dir.toAbsolutePath().normalize();
    List<Path> targets = new ArrayList<>(files.size());
    Map<String, List<Integer>> byNode = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      RenderedFile f = files.get(i);
      Path target = root.resolve(f.relativePath()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new UserInputException(f.node() + ": node name would write outside " + root
            + "; rename the node");
      }
      targets.add(target);
      byNode.computeIfAbsent(f.node(), n -> new ArrayList<>()).add(i);
    }
    // A new (or empty) output directory is filled as a hidden sibling and renamed into place
    // at the end: all files appear at once and none needs its own temporary file. An existing
    // tree is updated file by file, each through a temporary file and a rename.
    boolean fresh = isNewOrEmpty(root);
    Path stage = fresh ? root.resolveSibling("." + root.getFileName() + "."
        + ProcessHandle.current().pid() + ".rdmaforge-tmp") : root;
    try {
      Files.createDirectories(stage);
    } catch (IOException ex) {
      throw cannotWrite(stage, ex);
    }
    String suffix = fresh ? null : "." + ProcessHandle.current().pid() + ".rdmaforge-tmp";
    ForkJoinPool pool = new ForkJoinPool(THREADS);
    boolean done = false;
    try {
      pool.submit(() -> byNode.values().parallelStream().forEach(indexes -> {
        Set<Path> made = new HashSet<>();
        made.add(stage);
        for (int i : indexes) {
          Path target = stage.resolve(root.relativize(targets.get(i)));
          writeOne(target, files.get(i).content(), suffix, made);
        }
      })).get();
      if (fresh) {
        Files.deleteIfExists(root);
        Files.move(stage, root, StandardCopyOption.ATOMIC_MOVE);
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
    } catch (IOException ex) {
      throw cannotWrite(root, ex);
    } finally {
      pool.shutdown();
      if (fresh && !done) {
        deleteTree(stage);
      }
    }
    return targets;
  }

  /** Writes one file: in place when {@code suffix} is null (a staging tree), else via a rename. */
  private static void writeOne(Path target, String content, String suffix, Set<Path> made) {
    Path tmp = suffix == null ? target : target.resolveSibling("." + target.getFileName() + suffix);
    try {
      directory(target.getParent(), made);
      Files.write(tmp, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      if (suffix != null) {
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException | UncheckedIOException ex) {
      try {
        if (suffix != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // the write failed already; that failure is the one to report
      }
      throw cannotWrite(target, ex instanceof UncheckedIOException u ? u.getCause() : ex);
    }
  }

  /** Removes a half-written staging tree; what cannot be removed stays (it is hidden). */
  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: the error that stopped the render is the one reported
    }
  }

  private static boolean isNewOrEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException ex) {
      return false;
    }
  }

  /** Creates {@code dir} and its missing parents, each at most once per node. */
  private static void directory(Path dir, Set<Path> made) throws IOException {
    if (made.contains(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !made.contains(parent)) {
      directory(parent, made);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException ex) {
      if (!Files.isDirectory(dir)) {
        throw ex;
      }
    }
    made.add(dir);
  }

  private static UserInputException cannotWrite(Path target, Throwable ex) {
    return new UserInputException(target + ": cannot write: " + ex.getMessage()
        + "; check that the output directory is writable", ex);
  }
}
