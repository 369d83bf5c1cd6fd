package dev.rdmaforge.build.plan;

import java.util.List;
import java.util.Objects;

/**
 * What the plan decided for one target kernel.
 *
 * @param release the kernel release
 * @param supported the bundle's kernel packages (labels) that already load there: used as shipped
 * @param rebuilt the bundle's kmod packages (names) rebuilt for it (the steps say why)
 */
public record KernelPlan(String release, List<String> supported, List<String> rebuilt) {

  /** Freezes the lists. */
  public KernelPlan {
    Objects.requireNonNull(release, "release");
    supported = List.copyOf(supported);
    rebuilt = List.copyOf(rebuilt);
  }
}
