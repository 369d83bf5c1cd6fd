package dev.rdmaforge.fabric.validate;

import dev.rdmaforge.report.Finding;
import java.util.List;

/**
 * What validation found.
 *
 * @param files the files read, in the order read
 * @param findings every finding, sorted by file, line, column
 */
public record ValidationResult(List<InputFile> files, List<Finding> findings) {
  /** Copies the lists. */
  public ValidationResult {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
  }

  /** True if any finding is an error (exit code 1). */
  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }
}
