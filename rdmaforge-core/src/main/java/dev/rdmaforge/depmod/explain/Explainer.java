package dev.rdmaforge.depmod.explain;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.config.OverrideRule;
import dev.rdmaforge.depmod.config.SearchEntry;
import dev.rdmaforge.depmod.explain.ModuleExplanation.CandidateView;
import dev.rdmaforge.depmod.explain.ModuleExplanation.Rule;
import dev.rdmaforge.depmod.tree.Contest;
import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.depmod.tree.PriorityDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns depmod's contests into explanations: for each candidate file, the comparison that
 * decided its fate, and for the winner, the rule that made it win.
 */
public final class Explainer {
  private final Resolution resolution;
  private final Set<String> builtin;

  /**
   * @param builtin module names the kernel has built in (from modules.builtin)
   */
  public Explainer(Resolution resolution, Set<String> builtin) {
    this.resolution = resolution;
    this.builtin = builtin;
  }

  /** Explains one module name. */
  public ModuleExplanation explain(String moduleName) {
    String name = moduleName.replace('-', '_');
    List<Contest> contests = resolution.scan().contests().getOrDefault(name, List.of());
    DepmodModule winner = resolution.module(name).orElse(null);
    boolean isBuiltin = builtin.contains(name);
    String status;
    if (winner != null && isBuiltin) {
      status = "built-in-and-module";
    } else if (winner != null) {
      status = "module";
    } else if (isBuiltin) {
      status = "built-in";
    } else {
      status = "not-found";
    }

    Map<ModuleCandidate, String> outcome = new HashMap<>();
    Map<ModuleCandidate, Integer> rank = new HashMap<>();
    Map<ModuleCandidate, String> rankedBy = new HashMap<>();
    Rule decidedBy = null;
    for (Contest c : contests) {
      if (c.held() == null) {
        outcome.put(c.found(), "first file found with this name");
        continue;
      }
      PriorityDecision d = c.decision();
      if (d.override() == null) {
        rank.put(c.found(), d.newRank());
        rank.put(c.held(), d.oldRank());
        rankedBy.put(c.found(), word(d.newSearch()));
        rankedBy.put(c.held(), word(d.oldSearch()));
      }
      ModuleCandidate winnerOfContest = d.newWins() ? c.found() : c.held();
      ModuleCandidate loser = d.newWins() ? c.held() : c.found();
      Rule rule = rule(d, winnerOfContest, loser);
      outcome.put(loser, "lost to " + display(winnerOfContest) + ": " + rule.text());
      outcome.put(winnerOfContest, "won over " + display(loser) + ": " + rule.text());
      if (winner != null && winnerOfContest.equals(winner.candidate())) {
        decidedBy = rule;
      }
    }
    if (winner != null && decidedBy == null) {
      decidedBy = new Rule("only-candidate", null, "the only file with this name");
    }

    List<CandidateView> views = new ArrayList<>();
    for (Contest c : contests) {
      ModuleCandidate f = c.found();
      boolean won = winner != null && f.equals(winner.candidate());
      views.add(
          new CandidateView(
              f.relPath() != null ? f.relPath() : f.path(),
              f.path(),
              rank.get(f),
              rankedBy.get(f),
              won,
              outcome.getOrDefault(f, "")));
    }
    CandidateView winnerView =
        views.stream().filter(CandidateView::won).findFirst().orElse(null);
    List<String> deps = new ArrayList<>();
    List<String> loadOrder = new ArrayList<>();
    if (winner != null) {
      for (DepmodModule d : resolution.allDependencies(winner)) {
        deps.add(d.outputPath());
      }
      for (int i = deps.size() - 1; i >= 0; i--) {
        loadOrder.add(deps.get(i)); // modprobe inserts modules.dep's list from the end
      }
      loadOrder.add(winner.outputPath());
    }
    return new ModuleExplanation(
        name, status, winnerView, decidedBy, views, deps, loadOrder, notes(name, contests));
  }

  /** Override lines for this name that can never match, which kmod ignores without a word. */
  private List<String> notes(String name, List<Contest> contests) {
    List<String> notes = new ArrayList<>();
    for (OverrideRule ov : resolution.config().overrides()) {
      if (!ov.moduleName().replace('-', '_').equals(name)) {
        continue;
      }
      boolean matches = false;
      for (Contest c : contests) {
        String rel = c.found().relPath();
        if (rel != null && rel.startsWith(ov.path()) && rel.length() > ov.path().length()
            && rel.charAt(ov.path().length()) == '.') {
          matches = true;
        }
      }
      if (!matches) {
        notes.add(
            "'override " + ov.moduleName() + " " + ov.kernelPattern() + " " + ov.subdir()
                + "' at " + ov.origin() + " has no effect: no " + ov.moduleName()
                + " module file is directly in " + ov.subdir()
                + "/ (kmod matches the exact directory, not a prefix); fix the directory or"
                + " remove the line");
      }
    }
    return notes;
  }

  private static String word(SearchEntry e) {
    return e == null ? "built-in (none configured)" : e.word();
  }

  private static String display(ModuleCandidate c) {
    return c.relPath() != null ? c.relPath() : c.path();
  }

  private static Rule rule(PriorityDecision d, ModuleCandidate winner, ModuleCandidate loser) {
    OverrideRule ov = d.override();
    if (ov != null) {
      return new Rule(
          "override",
          ov.origin().toString(),
          "'override " + ov.moduleName() + " " + ov.kernelPattern() + " " + ov.subdir() + "' at "
              + ov.origin() + " names " + ov.path() + " exactly");
    }
    SearchEntry ws = d.newWins() ? d.newSearch() : d.oldSearch();
    SearchEntry ls = d.newWins() ? d.oldSearch() : d.newSearch();
    int wr = d.newWins() ? d.newRank() : d.oldRank();
    int lr = d.newWins() ? d.oldRank() : d.newRank();
    if (wr == lr) {
      return new Rule(
          "tie",
          ws == null ? null : origin(ws),
          "both rank " + wr + " (" + word(ws) + "): depmod keeps the file it found first in"
              + " directory (readdir) order");
    }
    return new Rule(
        "search",
        ws == null ? null : origin(ws),
        "search rank " + wr + " (" + describe(ws) + ") beats " + lr + " (" + describe(ls) + ")");
  }

  private static String origin(SearchEntry e) {
    return e.origin().line() > 0 ? e.origin().toString() : null;
  }

  private static String describe(SearchEntry e) {
    if (e == null) {
      return "no search entry names it and there is no built-in entry";
    }
    String where = e.origin().line() > 0 ? " at " + e.origin() : " (kmod's default)";
    return "'" + e.word() + "'" + where;
  }
}
