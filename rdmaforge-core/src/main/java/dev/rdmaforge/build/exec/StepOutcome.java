package dev.rdmaforge.build.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one step.
 *
 * @param stepId the step
 * @param status what happened
 * @param took how long it ran (zero when cached or skipped)
 * @param files the step's output directory in the store (built or cached)
 * @param message for a failed or skipped step: why, naming the log line when one is recognised
 * @param log the step's log: in the store entry, or kept in the work directory when it failed
 */
public record StepOutcome(
    String stepId, Status status, Duration took, Optional<Path> files, String message,
    Optional<Path> log) {

  /** What happened. */
  public enum Status {
    /** Its output was already in the store. */
    CACHED,
    /** It ran and its output is in the store. */
    BUILT,
    /** It ran and failed. */
    FAILED,
    /** It did not run: a step it depends on failed. */
    SKIPPED
  }

  /** Requires every part. */
  public StepOutcome {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(log, "log");
  }

  /** Whether its output is there. */
  public boolean ok() {
    return status == Status.CACHED || status == Status.BUILT;
  }
}
