package dev.rdmaforge.build.exec;

import dev.rdmaforge.build.plan.PlanStep;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One step to run.
 *
 * @param step the step
 * @param root its own build root (new, empty): nothing else writes there
 * @param output where its outputs go (the store's temporary entry directory)
 * @param inputs the output directories of the steps it depends on, by step id
 */
public record StepRun(PlanStep step, Path root, Path output, Map<String, Path> inputs) {

  /** Requires every part and freezes the map. */
  public StepRun {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(output, "output");
    inputs = Map.copyOf(inputs);
  }

  /** The directory of a step's binary packages (.rpm or .deb) inside its output. */
  public static Path packages(Path output) {
    return output.resolve("packages");
  }

  /** The step's log inside its output. */
  public static Path log(Path output) {
    return output.resolve("build.log");
  }
}
