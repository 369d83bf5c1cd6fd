package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.Node;
import dev.rdmaforge.fabric.model.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /etc/modprobe.d/<module>.conf}, one file per module as in the Mellanox guides
 * (mlx4_core.conf, mlx4_ib.conf), with one {@code options} line of only the parameters the
 * target kernel's module has ({@link ModuleOptionPlan} checked them). Nodes of one kind share
 * the same text.
 */
final class ModprobeRenderer {
  /** The directory libkmod reads first. */
  static final String DIR = "/etc/modprobe.d/";

  private ModprobeRenderer() {}

  static List<RenderedFile> render(FabricDescription d, ModuleOptionPlan plan, KernelFacts facts) {
    Map<Boolean, Map<String, String>> texts = new HashMap<>();
    for (boolean hypervisor : new boolean[] {true, false}) {
      Map<String, String> files = new java.util.LinkedHashMap<>();
      plan.options(hypervisor).forEach((module, words) -> files.put(module,
          Header.of(d, "#") + "# Parameters checked against " + facts.label() + "\noptions "
              + module + " " + String.join(" ", words) + "\n"));
      texts.put(hypervisor, files);
    }
    List<RenderedFile> out = new ArrayList<>();
    for (Node n : d.nodes()) {
      texts.get(n.has(Role.COMPUTE)).forEach((module, text) ->
          out.add(new RenderedFile(n.name(), DIR + module + ".conf", text)));
    }
    return out;
  }
}
