package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.store.StepKey;
import java.util.List;
import java.util.Objects;

/**
 * One step of a plan.
 *
 * @param id unique in the plan: {@code rebuild/SOURCE/RELEASE} or {@code dependent/NAME/RELEASE}
 * @param kind what it does
 * @param kernel the target kernel release
 * @param key the key of its output in the store
 * @param cached whether the store already holds its output
 * @param dependsOn the ids of the steps whose outputs it needs
 * @param reason why it is in the plan, for people
 * @param work what to run
 */
public record PlanStep(
    String id, StepKind kind, String kernel, StepKey key, boolean cached, List<String> dependsOn,
    String reason, StepWork work) {

  /** Requires every part and freezes the list. */
  public PlanStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(work, "work");
    dependsOn = List.copyOf(dependsOn);
  }
}
