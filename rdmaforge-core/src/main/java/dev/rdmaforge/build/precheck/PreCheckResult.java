package dev.rdmaforge.build.precheck;

import java.util.List;

/**
 * The pre-build findings, kernel by kernel in the description's order, each kernel's in rule
 * order; stack-wide findings (kernel "") last.
 *
 * @param findings every finding
 */
public record PreCheckResult(List<KernelFinding> findings) {

  /** Freezes the list. */
  public PreCheckResult {
    findings = List.copyOf(findings);
  }

  /** True if any finding refuses the build. */
  public boolean refused() {
    return findings.stream().anyMatch(KernelFinding::isError);
  }

  /** The findings about {@code release}. */
  public List<KernelFinding> forKernel(String release) {
    return findings.stream().filter(f -> f.kernel().equals(release)).toList();
  }

  /** The findings of one rule. */
  public List<KernelFinding> ofRule(String rule) {
    return findings.stream().filter(f -> f.finding().rule().equals(rule)).toList();
  }
}
