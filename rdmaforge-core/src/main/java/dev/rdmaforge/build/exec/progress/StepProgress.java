package dev.rdmaforge.build.exec.progress;

import java.util.Objects;

/**
 * How far a running step's build is, as its log tells.
 *
 * @param phase the phase reached
 * @param label the tool's own name for it ({@code %build}, {@code rules binary}, ...)
 * @param detail the last thing the phase announced ({@code CC [M] ofa_core.o}, a package name);
 *     empty when none
 * @param fraction how much of the bar to fill, from 0 to 1: the phase's start, moved within the
 *     phase by Kbuild's stages; never less than an earlier value of the same build
 */
public record StepProgress(BuildPhase phase, String label, String detail, double fraction) {

  /** Requires every part and a fraction from 0 to 1. */
  public StepProgress {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(detail, "detail");
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction " + fraction + " is not between 0 and 1");
    }
  }

  /** A step whose log does not exist yet. */
  public static StepProgress waiting() {
    return new StepProgress(BuildPhase.WAITING, "waiting", "", 0);
  }
}
