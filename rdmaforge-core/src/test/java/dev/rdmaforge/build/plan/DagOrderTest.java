package dev.rdmaforge.build.plan;

import static dev.rdmaforge.build.plan.PlanSteps.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order of a two-kernel plan: lustre-like after the ofa-like rebuild of its own kernel (as
 * Lustre's lbuild builds ko2iblnd only after mlnx-ofa_kernel), everything else in listed order.
 */
class DagOrderTest {
  @Test
  void sort_dependentComesAfterItsProvider() {
    List<PlanStep> steps = List.of(
        step("dependent/lustre-like/56", "rebuild/ofa-like/56"),
        step("rebuild/knem-like/56"),
        step("rebuild/ofa-like/56"),
        step("dependent/lustre-like/47", "rebuild/ofa-like/47"),
        step("rebuild/ofa-like/47"));

    assertThat(DagOrder.sort(steps)).extracting(PlanStep::id).containsExactly(
        "rebuild/knem-like/56", "rebuild/ofa-like/56", "dependent/lustre-like/56",
        "rebuild/ofa-like/47", "dependent/lustre-like/47");
  }

  @Test
  void sort_alreadyOrdered_keepsTheOrder() {
    List<PlanStep> steps = List.of(step("rebuild/a/56"), step("rebuild/b/56"),
        step("dependent/c/56", "rebuild/b/56"));

    assertThat(DagOrder.sort(steps)).containsExactlyElementsOf(steps);
  }

  @Test
  void sort_cycle_namesItsSteps() {
    List<PlanStep> steps = List.of(step("rebuild/a/56", "rebuild/b/56"),
        step("rebuild/b/56", "rebuild/a/56"), step("rebuild/c/56"));

    assertThatThrownBy(() -> DagOrder.sort(steps)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the steps [rebuild/a/56, rebuild/b/56] depend on each other in a cycle");
  }

  @Test
  void sort_unknownDependency_isRefused() {
    assertThatThrownBy(() -> DagOrder.sort(List.of(step("dependent/x/56", "rebuild/y/56"))))
        .hasMessage("dependent/x/56 depends on rebuild/y/56, which is no step");
  }

  @Test
  void sort_duplicateId_isRefused() {
    assertThatThrownBy(() -> DagOrder.sort(List.of(step("rebuild/a/56"), step("rebuild/a/56"))))
        .hasMessage("two steps are named rebuild/a/56");
  }
}
