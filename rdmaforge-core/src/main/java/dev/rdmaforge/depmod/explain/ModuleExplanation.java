package dev.rdmaforge.depmod.explain;

import java.util.List;

/**
 * Why one module name resolves to the file it does: the answer to "which ib_core will modprobe
 * load on this image, and why?". Part of the {@code explain --json} contract (schema 1).
 *
 * @param name the module name asked for, normalised ('-' to '_')
 * @param status {@code module} (a file won), {@code built-in} (in modules.builtin, no file),
 *     {@code built-in-and-module} (both: modprobe treats it as built-in), or {@code not-found}
 * @param winner the winning file, or null
 * @param decidedBy the rule that made the winner win, or null when there was no contest
 * @param candidates every file found with this name, in scan (readdir) order
 * @param dependencies what the winner needs, in modules.dep order
 * @param loadOrder the files modprobe inserts for this module, first to last
 * @param notes findings about the configuration for this name, e.g. an override that names a
 *     directory holding no such file (so it silently has no effect)
 */
public record ModuleExplanation(
    String name,
    String status,
    CandidateView winner,
    Rule decidedBy,
    List<CandidateView> candidates,
    List<String> dependencies,
    List<String> loadOrder,
    List<String> notes) {

  public ModuleExplanation {
    notes = List.copyOf(notes);
    candidates = List.copyOf(candidates);
    dependencies = List.copyOf(dependencies);
    loadOrder = List.copyOf(loadOrder);
  }

  /**
   * One candidate file.
   *
   * @param path the path as modules.dep writes it (relative, or absolute for external modules)
   * @param fullPath the path as depmod names it
   * @param searchRank the search rank kmod gave it in its contests (higher wins), or null when no
   *     rank comparison happened
   * @param rankedBy the search word that ranked it ({@code built-in} for files no entry names)
   * @param won whether this is the winner
   * @param outcome one line: why it won or lost
   */
  public record CandidateView(
      String path,
      String fullPath,
      Integer searchRank,
      String rankedBy,
      boolean won,
      String outcome) {}

  /**
   * The rule that decided.
   *
   * @param kind {@code only-candidate}, {@code override}, {@code search} or {@code tie}
   * @param origin the depmod.d file:line of the deciding line, or null (kmod's default search,
   *     or a tie)
   * @param text one line for people
   */
  public record Rule(String kind, String origin, String text) {}
}
