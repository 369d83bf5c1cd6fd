package dev.rdmaforge.build.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A step's build failed: its log, and the line of it that says why when one is recognised. */
public final class StepFailure extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path log;
  private final transient Optional<LogDiagnosis.Match> match;

  /** A failure with its log and what the log says. */
  public StepFailure(String message, Path log, Optional<LogDiagnosis.Match> match) {
    super(message);
    this.log = Objects.requireNonNull(log, "log");
    this.match = Objects.requireNonNull(match, "match");
  }

  /** The step's full log. */
  public Path log() {
    return log;
  }

  /** The recognised log line and its explanation, if any. */
  public Optional<LogDiagnosis.Match> match() {
    return match;
  }
}
