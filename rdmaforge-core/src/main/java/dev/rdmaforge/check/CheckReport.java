package dev.rdmaforge.check;

import dev.rdmaforge.report.Finding;
import java.util.List;

/**
 * The answer to a {@link CheckRequest}.
 *
 * @param kernel the target kernel release
 * @param results one per requested module, in the order requested (sorted by name for all)
 * @param findings what is wrong and how to fix it, one per failing file or missing piece
 * @param sources where each kernel input came from
 */
public record CheckReport(
    String kernel, List<ModuleResult> results, List<Finding> findings, List<String> sources) {

  /** Copies the lists. */
  public CheckReport {
    results = List.copyOf(results);
    findings = List.copyOf(findings);
    sources = List.copyOf(sources);
  }

  /**
   * Whether modprobe succeeds for every requested module: each loads, or modprobe.d keeps it out
   * on purpose ({@link Verdict#SKIPPED}), or an install command of unknown effect replaces it.
   */
  public boolean modprobeSucceeds() {
    return results.stream().noneMatch(r -> r.verdict().fails());
  }
}
