package dev.rdmaforge.fabric.render;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link RenderWriter#write} did.
 *
 * @param files every rendered file's path below the output directory, in the order given
 * @param written how many files were (re)written
 * @param unchanged how many already held exactly the rendered bytes and were left as they were
 *     (their modification time kept); only an existing output directory has such files
 */
public record WriteResult(List<Path> files, int written, int unchanged) {
  /** Keeps an unmodifiable copy of the paths. */
  public WriteResult {
    files = List.copyOf(files);
  }
}
