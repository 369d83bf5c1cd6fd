package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.precheck.KernelFinding;

/** The text form of a plan: findings, then per kernel what is used as shipped, then the steps. */
public final class PlanText {
  private PlanText() {}

  /** The plan as text, one line per fact. */
  public static String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (KernelFinding f : plan.preChecks().findings()) {
      out.append(f).append('\n');
    }
    if (plan.refused()) {
      out.append("refused: nothing is planned until the errors above are fixed\n");
      return out.toString();
    }
    for (KernelPlan k : plan.kernels()) {
      out.append("kernel ").append(k.release()).append('\n');
      for (String p : k.supported()) {
        out.append("  already supported: ").append(p).append(" (loads as shipped)\n");
      }
      if (!k.rebuilt().isEmpty()) {
        out.append("  rebuilt: ").append(String.join(", ", k.rebuilt())).append('\n');
      }
    }
    out.append("steps (").append(plan.steps().size()).append(", in order):\n");
    for (PlanStep s : plan.steps()) {
      out.append("  ").append(s.id()).append("  ").append(s.cached() ? "cached" : "to build")
          .append("  key ").append(s.key().hex(), 0, 12);
      if (!s.dependsOn().isEmpty()) {
        out.append("  after ").append(String.join(", ", s.dependsOn()));
      }
      out.append('\n').append("      ").append(s.reason()).append('\n');
    }
    long cached = plan.steps().stream().filter(PlanStep::cached).count();
    out.append(plan.steps().size() - cached).append(" to build, ").append(cached)
        .append(" cached\n");
    return out.toString();
  }
}
