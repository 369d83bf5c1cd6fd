package dev.rdmaforge.build.exec.progress;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A running step's progress, read from its growing build log ({@link
 * dev.rdmaforge.build.exec.ExecutionListener#logging}): each {@link #poll} feeds the new complete
 * lines to a {@link PhaseTracker}. A view calls it from one thread, a few times a second.
 */
public final class BuildLogWatch {
  private final LogFollower follower;
  private final PhaseTracker tracker = new PhaseTracker();

  /** Watches {@code log}, which may not exist yet. */
  public BuildLogWatch(Path log) {
    this.follower = new LogFollower(log);
  }

  /**
   * The progress after the lines written so far: {@link StepProgress#waiting()} while the log
   * does not exist. A log that cannot be read leaves the progress where it was: the view must
   * never stop a build.
   */
  public StepProgress poll() {
    try {
      for (String line : follower.poll()) {
        tracker.accept(line);
      }
    } catch (IOException e) {
      // Keep the last known progress; the build itself reports its own failures.
    }
    return follower.exists() || tracker.started() ? tracker.progress() : StepProgress.waiting();
  }
}
