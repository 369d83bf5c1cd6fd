package dev.rdmaforge.check;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One {@code modprobe NAME} on a freshly booted kernel: the modules of the load order inserted one
 * after another, skipping what is already there, stopping at the first the kernel refuses.
 */
final class ModprobeRun {
  private final Resolution resolution;
  private final TargetKernel kernel;
  private final ModuleFiles files;
  private final Consumer<Insertion> failures;
  /**
   * Each module's insertion, decided once: what the kernel does with a module depends on the
   * providers of its symbols, which modprobe has always inserted before it (they are its
   * dependencies), so the answer is the same in every run that reaches it.
   */
  private final Map<String, Insertion> decided = new ConcurrentHashMap<>();

  /**
   * @param failures receives every refused insertion (the blockers too), for findings
   */
  ModprobeRun(Resolution resolution, TargetKernel kernel, ModuleFiles files,
      Consumer<Insertion> failures) {
    this.resolution = resolution;
    this.kernel = kernel;
    this.files = files;
    this.failures = failures;
  }

  ModuleResult run(String requested) {
    String name = requested.replace('-', '_');
    Optional<DepmodModule> found = resolution.module(name);
    if (found.isEmpty()) {
      if (kernel.builtin().contains(name)) {
        return new ModuleResult(name, null, Verdict.LOADS, List.of(), null, List.of(),
            "built into the kernel", List.of(name));
      }
      return new ModuleResult(name, null, Verdict.NOT_FOUND, List.of(), null, List.of(),
          "Module " + name + " not found in directory /lib/modules/" + kernel.release(),
          List.of());
    }
    DepmodModule target = found.get();
    List<DepmodModule> order = new ArrayList<>(resolution.allDependencies(target));
    Collections.reverse(order); // modules.dep lists the deepest last; modprobe inserts it first
    order.add(target);

    KernelState state = new KernelState(kernel);
    List<String> inserted = new ArrayList<>();
    for (DepmodModule m : order) {
      if (state.isLoaded(m.name())) {
        continue;
      }
      inserted.add(m.name());
      Object read = files.get(m);
      Insertion ins;
      if (read instanceof ModuleFiles.Unreadable u) {
        ModuleResult r = unreadable(target, m, u, inserted);
        return r;
      }
      CheckedModule module = (CheckedModule) read;
      ins = decided.get(m.name());
      if (ins == null) {
        ins = LoaderRules.insert(module, state);
        decided.putIfAbsent(m.name(), ins);
      }
      if (!ins.loads()) {
        failures.accept(ins);
        if (m == target) {
          return new ModuleResult(name, target.outputPath(), ins.verdict(), ins.symbols(), null,
              List.of(), ins.why(), inserted);
        }
        return new ModuleResult(name, target.outputPath(), Verdict.DEPENDENCY_FAILED, List.of(),
            m.name(), List.of(),
            "needs " + m.name() + " (" + m.outputPath() + "), which does not load: "
                + ins.verdict().id() + ": " + ins.why(),
            inserted);
      }
      state.add(ins.module());
      if (m == target) {
        return new ModuleResult(name, target.outputPath(), Verdict.LOADS, List.of(), null,
            ins.taints(), ins.why(), inserted);
      }
    }
    throw new IllegalStateException("load order of " + name + " does not end with it");
  }

  private static ModuleResult unreadable(DepmodModule target, DepmodModule m,
      ModuleFiles.Unreadable u, List<String> inserted) {
    if (m == target) {
      return new ModuleResult(target.name(), target.outputPath(), Verdict.INVALID_MODULE,
          List.of(), null, List.of(), u.reason(), inserted);
    }
    return new ModuleResult(target.name(), target.outputPath(), Verdict.DEPENDENCY_FAILED,
        List.of(), m.name(), List.of(),
        "needs " + m.name() + " (" + m.outputPath() + "), which does not load: " + u.reason(),
        inserted);
  }
}
