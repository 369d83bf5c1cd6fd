package dev.rdmaforge.depmod.tree;

import dev.rdmaforge.depmod.config.OverrideRule;
import dev.rdmaforge.depmod.config.SearchEntry;

/**
 * The outcome of one comparison between the module depmod already holds and a newly found file
 * with the same name, with what decided it.
 *
 * @param newWins whether the new file replaces the one held
 * @param override the override line that decided, or null
 * @param newRank the new file's search rank (higher wins), or the built-in rank
 * @param oldRank the held file's search rank
 * @param newSearch the search entry that ranked the new file, or null (built-in rank)
 * @param oldSearch the search entry that ranked the held file, or null (built-in rank)
 */
public record PriorityDecision(
    boolean newWins,
    OverrideRule override,
    int newRank,
    int oldRank,
    SearchEntry newSearch,
    SearchEntry oldSearch) {

  /** Whether the ranks were equal, so kmod's tie rule (keep the first found) decided. */
  public boolean tie() {
    return override == null && newRank == oldRank;
  }
}
