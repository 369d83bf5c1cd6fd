package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.DebianKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios that can share one boot: the same kernel and the same {@code module.sig_enforce}
 * setting (the judge unloads every module between scenarios, so nothing else needs separating).
 *
 * @param kernel the kernel to boot
 * @param sigEnforce whether to boot with {@code module.sig_enforce=1}
 * @param scenarios the scenarios, in catalogue order
 */
public record ScenarioBoot(DebianKernel kernel, boolean sigEnforce, List<CheckScenario> scenarios) {

  public ScenarioBoot {
    scenarios = List.copyOf(scenarios);
  }

  /**
   * {@code scenarios} grouped into as few boots as possible, in the order each (kernel,
   * enforcement) pair first appears.
   */
  public static List<ScenarioBoot> group(List<CheckScenario> scenarios) {
    Map<String, List<CheckScenario>> groups = new LinkedHashMap<>();
    Map<String, CheckScenario> firsts = new LinkedHashMap<>();
    for (CheckScenario scenario : scenarios) {
      String key = scenario.kernel().release() + " " + scenario.sigEnforce();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(scenario);
      firsts.putIfAbsent(key, scenario);
    }
    List<ScenarioBoot> boots = new ArrayList<>();
    for (Map.Entry<String, List<CheckScenario>> group : groups.entrySet()) {
      CheckScenario first = firsts.get(group.getKey());
      boots.add(new ScenarioBoot(first.kernel(), first.sigEnforce(), group.getValue()));
    }
    return boots;
  }

  /** Every target of every scenario of the boot (for sizing the judge's timeout). */
  public int targetCount() {
    return scenarios.stream().mapToInt(s -> s.targets().size()).sum();
  }
}
