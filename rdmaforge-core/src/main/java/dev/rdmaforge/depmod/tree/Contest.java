package dev.rdmaforge.depmod.tree;

/**
 * One step of the contest for a module name: a newly found file against the one held at that
 * moment (null when it was the first file with that name), and how it ended.
 */
public record Contest(ModuleCandidate found, ModuleCandidate held, PriorityDecision decision) {

  /** Whether the found file became the held one. */
  public boolean foundWon() {
    return held == null || decision.newWins();
  }
}
