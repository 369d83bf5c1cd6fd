package dev.rdmaforge.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of comparing the real depmod's output files with ours.
 *
 * @param expected directory with the real depmod's files
 * @param actual directory with ours
 * @param differences one readable entry per differing, missing or extra file
 */
public record OutputComparison(Path expected, Path actual, List<String> differences) {

  public OutputComparison {
    differences = List.copyOf(differences);
  }

  /** Whether every file has the same name and bytes in both directories. */
  public boolean identical() {
    return differences.isEmpty();
  }

  /** A report for an assertion message: where to look, and each difference. */
  public String report() {
    if (identical()) {
      return "all files identical (" + expected + " vs " + actual + ")";
    }
    return differences.size()
        + " file(s) differ between real depmod ("
        + expected
        + ") and ours ("
        + actual
        + "):\n"
        + String.join("\n", differences);
  }
}
