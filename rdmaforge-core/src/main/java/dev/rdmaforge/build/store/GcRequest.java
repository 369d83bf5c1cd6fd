package dev.rdmaforge.build.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link ContentStore#gc} removes: entries not used for {@code olderThan}, then the least
 * recently used until the store is at most {@code maxSize} bytes. Entries in use by a running
 * build are never removed.
 *
 * @param olderThan remove entries last used longer ago than this
 * @param maxSize then remove the least recently used until the entries total at most this
 * @param dryRun only report what would be removed
 * @param now the time "older than" counts from
 */
public record GcRequest(Optional<Duration> olderThan, OptionalLong maxSize, boolean dryRun,
    Instant now) {

  /** Requires every part. */
  public GcRequest {
    Objects.requireNonNull(olderThan, "olderThan");
    Objects.requireNonNull(maxSize, "maxSize");
    Objects.requireNonNull(now, "now");
  }
}
