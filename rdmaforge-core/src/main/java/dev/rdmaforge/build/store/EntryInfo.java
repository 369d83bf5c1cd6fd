package dev.rdmaforge.build.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of {@code rdmaforge cache ls}.
 *
 * @param key the entry's key (hex)
 * @param size the bytes of its files, as its manifest lists them
 * @param created when it was put
 * @param lastUsed when it was last put or read
 * @param label what it is, for people
 */
public record EntryInfo(String key, long size, Instant created, Instant lastUsed, String label) {

  /** Requires every part. */
  public EntryInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastUsed, "lastUsed");
    Objects.requireNonNull(label, "label");
  }
}
