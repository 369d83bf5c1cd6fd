package dev.rdmaforge.cli;

import dev.rdmaforge.build.exec.StepOutcome;
import dev.rdmaforge.build.plan.PlanStep;
import java.io.PrintWriter;

/** Plain progress lines, one per event (safe for logs and pipes). */
final class PlainProgress implements BuildProgress {
  private final PrintWriter out;

  PlainProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void started(PlanStep step) {
    started(step.id());
  }

  @Override
  public void finished(PlanStep step, StepOutcome o) {
    finished(step.id(), o);
  }

  synchronized void started(String id) {
    out.println("started  " + id);
    out.flush();
  }

  synchronized void finished(String id, StepOutcome o) {
    out.println(finishedLine(id, o));
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }

  /** The permanent line of a finished step, in both views. */
  static String finishedLine(String id, StepOutcome o) {
    return switch (o.status()) {
      case CACHED -> "cached   " + id;
      case BUILT -> "built    " + id + " in " + BuildCommand.seconds(o.took());
      case FAILED -> "FAILED   " + id + " after " + BuildCommand.seconds(o.took()) + ": "
          + o.message();
      case SKIPPED -> "skipped  " + id + ": " + o.message();
    };
  }
}
