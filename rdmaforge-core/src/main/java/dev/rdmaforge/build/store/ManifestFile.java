package dev.rdmaforge.build.store;

import java.util.Objects;

/**
 * One file of an entry, as its manifest records it.
 *
 * @param path the path below the entry's files directory, {@code /}-separated
 * @param type {@code file}, {@code dir} or {@code link}
 * @param size a file's size in bytes; 0 otherwise
 * @param sha256 a file's SHA-256; empty otherwise
 * @param executable whether a file is executable by its owner
 * @param target a link's target; empty otherwise
 */
public record ManifestFile(String path, String type, long size, String sha256,
    boolean executable, String target) {

  /** Requires every part. */
  public ManifestFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(target, "target");
  }
}
