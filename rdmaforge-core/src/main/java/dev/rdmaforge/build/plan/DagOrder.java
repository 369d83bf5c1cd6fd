package dev.rdmaforge.build.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders steps so that each comes after the steps it depends on (Kahn's algorithm; among the
 * steps that are ready, the one listed first goes first, so the order is stable).
 */
public final class DagOrder {
  private DagOrder() {}

  /**
   * {@code steps} in DAG order.
   *
   * @throws IllegalArgumentException on a dependency that is not a step, or a cycle (naming its
   *     steps)
   */
  public static List<PlanStep> sort(List<PlanStep> steps) {
    Map<String, PlanStep> byId = new LinkedHashMap<>();
    for (PlanStep s : steps) {
      if (byId.putIfAbsent(s.id(), s) != null) {
        throw new IllegalArgumentException("two steps are named " + s.id());
      }
    }
    for (PlanStep s : steps) {
      for (String d : s.dependsOn()) {
        if (!byId.containsKey(d)) {
          throw new IllegalArgumentException(s.id() + " depends on " + d + ", which is no step");
        }
      }
    }
    List<PlanStep> out = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    while (out.size() < steps.size()) {
      PlanStep next = null;
      for (PlanStep s : byId.values()) {
        if (!done.contains(s.id()) && done.containsAll(s.dependsOn())) {
          next = s;
          break;
        }
      }
      if (next == null) {
        Set<String> left = new TreeSet<>(byId.keySet());
        left.removeAll(done);
        throw new IllegalArgumentException("the steps " + left + " depend on each other in a"
            + " cycle");
      }
      out.add(next);
      done.add(next.id());
    }
    return out;
  }
}
