package dev.rdmaforge.build.exec;

import dev.rdmaforge.build.plan.PlanStep;
import java.nio.file.Path;

/** Hears about steps as they start and end (from the runner's threads; implementations sync). */
public interface ExecutionListener {
  /** A step starts running. */
  void started(PlanStep step);

  /**
   * Where the running step's log grows ({@code ROOT/build.log}, written by the executor as the
   * build prints), told right after {@link #started}: a terminal view can follow the build's
   * phases from it. The file may not exist yet.
   */
  default void logging(PlanStep step, Path log) {}

  /** A step is done: cached, built, failed or skipped. */
  void finished(PlanStep step, StepOutcome outcome);

  /** A listener that ignores everything. */
  static ExecutionListener none() {
    return new ExecutionListener() {
      @Override
      public void started(PlanStep step) {}

      @Override
      public void finished(PlanStep step, StepOutcome outcome) {}
    };
  }
}
