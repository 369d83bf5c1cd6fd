package dev.rdmaforge.build.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An entry of the store, verified against its manifest. The files stay in place while the store
 * that returned it is open ({@code gc} in other processes leaves it alone); do not change them.
 *
 * @param key the entry's key (hex)
 * @param files the directory holding the entry's files
 * @param manifest what the entry holds
 * @param produced true if this call made it, false if it was already there
 */
public record StoreEntry(String key, Path files, EntryManifest manifest, boolean produced) {

  /** Requires every part. */
  public StoreEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(manifest, "manifest");
  }
}
