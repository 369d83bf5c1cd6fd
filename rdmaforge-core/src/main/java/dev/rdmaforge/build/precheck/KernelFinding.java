package dev.rdmaforge.build.precheck;

import dev.rdmaforge.report.Finding;
import java.util.Objects;

/**
 * A pre-build finding about one target kernel.
 *
 * @param kernel the kernel release it is about; empty for findings about the stack as a whole
 * @param finding the rule, where it was decided (the file and line), what and the fix
 */
public record KernelFinding(String kernel, Finding finding) {

  /** Requires every part. */
  public KernelFinding {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(finding, "finding");
  }

  /** True if this finding refuses the build. */
  public boolean isError() {
    return finding.isError();
  }

  @Override
  public String toString() {
    return finding.toString();
  }
}
