package dev.rdmaforge.modprobe;

/**
 * What modprobe prints on stdout for a plan with {@code --show-depends} (or {@code -v}, {@code
 * -n}): per module, {@code insmod FILE OPTIONS}, {@code install COMMAND OPTIONS} (the command as
 * written, {@code $CMDLINE_OPTS} not substituted) or {@code builtin NAME}; a module with neither
 * file nor built-in entry prints nothing. The space before the options is printed even when there
 * are none.
 */
public final class ShowDepends {
  private ShowDepends() {}

  /** The stdout lines of {@code plan}, one char per byte. */
  public static String render(ProbePlan plan) {
    StringBuilder out = new StringBuilder();
    for (ProbeTarget target : plan.targets()) {
      for (ProbeStep step : target.steps()) {
        switch (step.action()) {
          case RUN_INSTALL:
            out.append("install ")
                .append(step.install().command())
                .append(' ')
                .append(step.options())
                .append('\n');
            break;
          case INSERT:
            out.append("insmod ")
                .append(step.file())
                .append(' ')
                .append(step.options())
                .append('\n');
            break;
          case BUILTIN:
            out.append("builtin ").append(step.module()).append('\n');
            break;
          default:
            break; // kmod prints nothing for a module it skips or cannot find
        }
      }
    }
    return out.toString();
  }
}
