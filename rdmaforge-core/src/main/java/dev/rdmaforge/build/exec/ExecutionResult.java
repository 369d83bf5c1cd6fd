package dev.rdmaforge.build.exec;

import java.util.List;
import java.util.Optional;

/**
 * Every step's outcome, in plan order.
 *
 * @param outcomes one per step
 */
public record ExecutionResult(List<StepOutcome> outcomes) {

  /** Freezes the list. */
  public ExecutionResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Whether every step's output is there. */
  public boolean ok() {
    return outcomes.stream().allMatch(StepOutcome::ok);
  }

  /** The outcome of the step with this id. */
  public Optional<StepOutcome> of(String stepId) {
    return outcomes.stream().filter(o -> o.stepId().equals(stepId)).findFirst();
  }

  /** How many steps had this status. */
  public long count(StepOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }
}
