package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.precheck.PreCheckResult;
import dev.rdmaforge.build.store.StepKey;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.StackDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan of a stack: refused by the pre-checks, or its steps in DAG order (every step after the
 * steps it depends on).
 *
 * @param stack the description
 * @param bundleDir the bundle directory (unpacked when the description gives a {@code .tgz})
 * @param kernelInputs each target kernel's files
 * @param preChecks the pre-build findings; when they refuse the build there are no steps
 * @param kernels what was decided per kernel, in the description's order
 * @param steps the steps in DAG order
 * @param outputKey the key of the whole output: the bundle's content and every step's key
 */
public record Plan(
    StackDescription stack,
    Path bundleDir,
    List<KernelInputs> kernelInputs,
    PreCheckResult preChecks,
    List<KernelPlan> kernels,
    List<PlanStep> steps,
    Optional<StepKey> outputKey) {

  /** Requires every part and freezes the lists. */
  public Plan {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(bundleDir, "bundleDir");
    Objects.requireNonNull(preChecks, "preChecks");
    Objects.requireNonNull(outputKey, "outputKey");
    kernelInputs = List.copyOf(kernelInputs);
    kernels = List.copyOf(kernels);
    steps = List.copyOf(steps);
  }

  /** Whether the pre-checks refuse the build. */
  public boolean refused() {
    return preChecks.refused();
  }

  /** The step with this id. */
  public Optional<PlanStep> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
