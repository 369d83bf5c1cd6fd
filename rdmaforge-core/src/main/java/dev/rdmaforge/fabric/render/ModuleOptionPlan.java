package dev.rdmaforge.fabric.render;

import dev.rdmaforge.fabric.kernel.GoneModules;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.kernel.Mlx4Limits;
import dev.rdmaforge.fabric.kernel.ModuleParameters;
import dev.rdmaforge.kernel.ParameterType;
import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.ModuleOptionSpec;
import dev.rdmaforge.fabric.model.PortType;
import dev.rdmaforge.fabric.model.Sriov;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The module options each kind of node gets, checked against the target kernel's modules before
 * anything is written: hypervisors get mlx4_core's SR-IOV options (num_vfs, probe_vf,
 * port_type_array; mlx5 creates VFs through sysfs and has no such option) plus {@code
 * kernel.options}; every other node gets {@code kernel.options} only. An option the target's
 * module does not have, or a value its type refuses, fails the render with the description's
 * position, because the kernel would ignore the option or refuse to load the module.
 */
final class ModuleOptionPlan {
  /** Module name to its {@code name=value} words, in order. */
  private final Map<String, List<String>> hypervisor = new LinkedHashMap<>();
  private final Map<String, List<String>> other = new LinkedHashMap<>();

  private ModuleOptionPlan() {}

  /** Plans and checks the options; throws listing every problem. */
  static ModuleOptionPlan of(FabricDescription d, KernelFacts facts) {
    ModuleOptionPlan plan = new ModuleOptionPlan();
    List<String> problems = new ArrayList<>();
    List<ModuleOptionSpec> sriov = sriovOptions(d);
    for (ModuleOptionSpec o : sriov) {
      check(o, facts, problems, "sriov");
      plan.hypervisor.computeIfAbsent(o.module(), m -> new ArrayList<>())
          .add(o.name() + "=" + o.value());
    }
    for (ModuleOptionSpec o : d.kernel().map(k -> k.options()).orElse(List.of())) {
      check(o, facts, problems, "kernel.options." + o.module() + "." + o.name());
      for (ModuleOptionSpec s : sriov) {
        if (KernelFacts.normalise(s.module()).equals(KernelFacts.normalise(o.module()))
            && s.name().equals(o.name())) {
          problems.add(o.where() + ": kernel.options." + o.module() + "." + o.name()
              + " repeats an option the sriov block sets; remove it here and change sriov");
        }
      }
      String word = o.name() + "=" + o.value();
      plan.hypervisor.computeIfAbsent(o.module(), m -> new ArrayList<>()).add(word);
      plan.other.computeIfAbsent(o.module(), m -> new ArrayList<>()).add(word);
    }
    if (!problems.isEmpty()) {
      throw new UserInputException(String.join("\n", problems));
    }
    return plan;
  }

  /** The options of a hypervisor (true) or of any other node, module by module. */
  Map<String, List<String>> options(boolean hypervisor) {
    return hypervisor ? this.hypervisor : other;
  }

  private static List<ModuleOptionSpec> sriovOptions(FabricDescription d) {
    Sriov s = d.sriov();
    List<ModuleOptionSpec> out = new ArrayList<>();
    if (!s.driver().equals("mlx4")) {
      return out;
    }
    Location at = Location.of(d.file());
    out.add(new ModuleOptionSpec("mlx4_core", "num_vfs", join(s.numVfs()), at));
    out.add(new ModuleOptionSpec("mlx4_core", "probe_vf", join(s.probeVf()), at));
    if (!s.portTypes().isEmpty() && s.portTypes().stream().anyMatch(t -> t != PortType.AUTO)) {
      out.add(new ModuleOptionSpec("mlx4_core", "port_type_array", s.portTypes().stream()
          .map(t -> Integer.toString(t.code())).collect(Collectors.joining(",")), at));
    }
    return out;
  }

  private static String join(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static void check(ModuleOptionSpec o, KernelFacts facts, List<String> problems,
      String key) {
    String where = o.where() + ": " + key + ": ";
    Optional<String> gone = GoneModules.module(o.module());
    KernelFacts.Presence presence = facts.presence(o.module());
    if (presence == KernelFacts.Presence.ABSENT
        || (gone.isPresent() && presence != KernelFacts.Presence.MODULE)) {
      problems.add(where + "the kernel " + facts.label() + " has no module " + o.module()
          + gone.map(g -> " (" + g + ")").orElse("") + "; remove the option");
      return;
    }
    if (presence == KernelFacts.Presence.BUILTIN) {
      problems.add(where + o.module() + " is built into " + facts.label()
          + ": modprobe.d options never reach it; put " + o.module() + "." + o.name() + "="
          + o.value() + " on the kernel command line instead");
      return;
    }
    Optional<ModuleParameters> params = facts.parameters(o.module());
    if (params.isEmpty()) {
      return;
    }
    Optional<ParameterType> type = params.get().lookup(o.name());
    if (type.isEmpty()) {
      problems.add(where + o.module() + " of " + facts.label() + " has no parameter " + o.name()
          + GoneModules.parameter(o.module(), o.name()).map(g -> " (" + g + ")").orElse("")
          + "; it has " + String.join(", ", params.get().names()));
      return;
    }
    int max = Mlx4Limits.arrayCapacity(o.module(), o.name());
    type.get().refusal(o.name(), Optional.of(o.value()), max).ifPresent(r -> problems.add(where
        + "the kernel refuses " + o.name() + "=" + o.value() + " (" + type.get() + "): " + r
        + "; " + o.module() + " would not load"));
  }
}
