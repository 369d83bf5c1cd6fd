package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.tree.ScanResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything depmod decided for one kernel: the configuration it read, every candidate file and
 * the contest for each name, the winning modules in output order with their dependencies.
 */
public final class Resolution {
  private final DepmodRequest request;
  private final DepmodConfig config;
  private final ScanResult scan;
  private final List<DepmodModule> modules;
  private final SymbolTable symbols;
  private final Map<String, DepmodModule> byName = new HashMap<>();

  Resolution(
      DepmodRequest request,
      DepmodConfig config,
      ScanResult scan,
      List<DepmodModule> modules,
      SymbolTable symbols) {
    this.request = request;
    this.config = config;
    this.scan = scan;
    this.modules = List.copyOf(modules);
    this.symbols = symbols;
    for (DepmodModule m : modules) {
      byName.put(m.name(), m);
    }
  }

  public DepmodRequest request() {
    return request;
  }

  public DepmodConfig config() {
    return config;
  }

  public ScanResult scan() {
    return scan;
  }

  /** The winning modules in depmod's output order. */
  public List<DepmodModule> modules() {
    return modules;
  }

  SymbolTable symbols() {
    return symbols;
  }

  /** The module that won {@code name} (module names use '_' for '-'). */
  public Optional<DepmodModule> module(String name) {
    return Optional.ofNullable(byName.get(name.replace('-', '_')));
  }

  /**
   * Every module {@code m} needs, directly or not, in the order modules.dep lists them (and
   * modprobe loads them in reverse).
   */
  public List<DepmodModule> allDependencies(DepmodModule m) {
    LinkedHashSet<DepmodModule> seen = new LinkedHashSet<>();
    fill(m, seen);
    List<DepmodModule> list = new ArrayList<>(seen);
    list.sort((a, b) -> Integer.compare(a.dependencySortIndex(), b.dependencySortIndex()));
    return list;
  }

  private static void fill(DepmodModule m, LinkedHashSet<DepmodModule> seen) {
    for (DepmodModule d : m.dependencies()) {
      if (seen.add(d)) {
        fill(d, seen);
      }
    }
  }
}
