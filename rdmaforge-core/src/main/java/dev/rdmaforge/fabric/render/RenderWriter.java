package dev.rdmaforge.fabric.render;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes rendered files below an output directory as {@code DIR/<node>/<path>}, so that nothing
 * is lost: no reader and no interrupted render ever sees half a file where a complete one is
 * expected, and an earlier complete output is never destroyed.
 *
 * <ul>
 *   <li>A new or empty output directory is filled as a hidden sibling and renamed over it when
 *       every file is written ({@link StagingTree}): it appears complete or not at all.
 *   <li>In an existing output directory each file that differs from the rendered bytes is written
 *       to a temporary file beside it and renamed over it; a file that already holds exactly the
 *       rendered bytes is left alone, modification time included ({@link FileWrites}).
 * </ul>
 *
 * <p>A large fabric means tens of thousands of small files, and on a disk the time is the file
 * system's: each new file or directory allocates an inode (a directory also a block), each
 * replaced file frees one. So a new tree costs one mkdir per directory and one open, write and
 * close per file, and nothing else; re-rendering an unchanged tree allocates nothing (it reads
 * it); and nodes are written in parallel ({@link NodeWriterPool}).
 */
public final class RenderWriter {
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
    Path real = realDirectory(root);
    NodeWriterPool writers = new NodeWriterPool();
    if (isNewOrEmpty(real)) {
      try (StagingTree stage = StagingTree.create(real, writers)) {
        Path base = stage.dir();
        boolean completed = writers.run(byNode.values(), base, (i, dirs) -> {
          Path target = base.resolve(relative.get(i));
          try {
            dirs.ensure(target.getParent());
            FileWrites.create(target, bytes(files.get(i)));
          } catch (IOException ex) {
            throw cannotWrite(targets.get(i), IoReasons.why(ex, target, base, root), ex);
          }
        });
        if (!completed) {
          throw stopped(root, "nothing was written there");
        }
        stage.publish();
      }
      return new WriteResult(targets, files.size(), 0);
    }
    AtomicInteger unchanged = new AtomicInteger();
    boolean completed = writers.run(byNode.values(), real, (i, dirs) -> {
      Path target = real.resolve(relative.get(i));
      byte[] content = bytes(files.get(i));
      try {
        if (FileWrites.sameContent(target, content)) {
          unchanged.incrementAndGet();
        } else {
          FileWrites.replace(target, content, dirs);
        }
      } catch (IOException ex) {
        throw cannotWrite(targets.get(i), IoReasons.why(ex, target, real, root), ex);
      }
    });
    if (!completed) {
      throw stopped(root, "every file there is complete, the old one or the new one");
    }
    return new WriteResult(targets, files.size() - unchanged.get(), unchanged.get());
  }

  private static byte[] bytes(RenderedFile f) {
    return f.content().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The directory to write into: an existing output reached through a symbolic link is written
   * where the link points (the link stays), so the staging sibling is on the same file system.
   */
  private static Path realDirectory(Path root) {
    try {
      return Files.exists(root) ? root.toRealPath() : root;
    } catch (IOException ex) {
      throw cannotWrite(root, IoReasons.describe(ex), ex);
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
      throw cannotWrite(dir, IoReasons.describe(ex), ex);
    }
  }

  private static UserInputException stopped(Path root, String state) {
    return new UserInputException(root + ": render stopped because the process was told to exit; "
        + state);
  }

  private static UserInputException cannotWrite(Path target, String why, IOException ex) {
    return new UserInputException(target + ": cannot write: " + why
        + "; check that the output directory is writable", ex);
  }
}
