package dev.rdmaforge.build.exec;

import dev.rdmaforge.build.plan.PlanStep;

/** Hears about steps as they start and end (from the runner's threads; implementations sync). */
public interface ExecutionListener {
  /** A step starts running. */
  void started(PlanStep step);

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
