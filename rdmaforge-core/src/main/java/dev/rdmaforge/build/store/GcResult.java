package dev.rdmaforge.build.store;

import java.util.List;

/**
 * What {@link ContentStore#gc} did.
 *
 * @param removed the entries removed (with {@code dryRun}: that would be removed)
 * @param inUse entries that should have gone but are in use by a running build, kept
 * @param freed the bytes of the removed entries
 * @param remaining the bytes of the entries left
 */
public record GcResult(List<EntryInfo> removed, List<EntryInfo> inUse, long freed,
    long remaining) {

  /** Freezes the lists. */
  public GcResult {
    removed = List.copyOf(removed);
    inUse = List.copyOf(inUse);
  }
}
