package dev.rdmaforge.build.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ContentStore#get} found.
 *
 * @param entry the entry, verified; empty when missing or corrupt
 * @param corruption why an entry that was there was removed (a file changed, missing or added;
 *     an unreadable manifest); empty otherwise
 */
public record StoreLookup(Optional<StoreEntry> entry, Optional<String> corruption) {

  /** Requires every part. */
  public StoreLookup {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(corruption, "corruption");
  }

  /** True when the entry is there and intact. */
  public boolean hit() {
    return entry.isPresent();
  }
}
