package dev.rdmaforge.build.exec;

import java.io.IOException;

/**
 * Runs one step of a plan. Implementations: {@link LocalStepExecutor} (rpmbuild on this machine);
 * a cluster scheduler would ship the {@link StepRun}'s inputs to a node and bring the outputs
 * back into {@link StepRun#output()}.
 */
public interface StepExecutor {
  /**
   * Runs the step: writes its binary packages into {@code run.output()/rpms/} and its log into
   * {@code run.output()/build.log}.
   *
   * @throws StepFailure when the build fails (with the log and the line that tells why)
   * @throws IOException when its files cannot be read or written
   */
  void execute(StepRun run) throws IOException;
}
