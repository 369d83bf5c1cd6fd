package dev.rdmaforge.modprobe;

import java.util.List;

/**
 * What modprobe does for one name: the modules the name resolved to, each with its list, and what
 * it prints on stderr on the way (assuming every insertion and install command succeeds).
 *
 * @param request the request
 * @param targets the modules the name resolved to, in lookup order; empty when not found
 * @param messages stderr lines, in order
 */
public record ProbePlan(
    ProbeRequest request, List<ProbeTarget> targets, List<ModprobeMessage> messages) {

  public ProbePlan {
    targets = List.copyOf(targets);
    messages = List.copyOf(messages);
  }

  /** True when the name resolved to at least one module. */
  public boolean found() {
    return !targets.isEmpty();
  }

  /**
   * modprobe's exit code for this name if every insertion and install command succeeds: 1 when the
   * name was not found or (with {@code --first-time}) the last module was already in the kernel,
   * else 0. A failing insertion also gives 1: that is for the caller to decide per step.
   */
  public int exitCode() {
    if (targets.isEmpty()) {
      return 1;
    }
    ProbeTarget last = targets.get(targets.size() - 1);
    return last.outcome() == ProbeTarget.Outcome.ALREADY_IN_KERNEL && request.firstTime() ? 1 : 0;
  }
}
