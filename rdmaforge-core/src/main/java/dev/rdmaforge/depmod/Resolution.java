package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.tree.ScanResult;
import dev.rdmaforge.depmod.tree.TreeView;
import java.util.ArrayList;
import java.util.Collections;
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
  private final TreeView view;
  private final Map<String, DepmodModule> byName = new HashMap<>();

  Resolution(
      DepmodRequest request,
      DepmodConfig config,
      ScanResult scan,
      List<DepmodModule> modules,
      SymbolTable symbols,
      TreeView view) {
    this.request = request;
    this.view = view;
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

  /**
   * The request's view of the tree as this resolution used it: the same answers as {@code
   * request().view()}, with the directories it resolved remembered ({@link
   * TreeView#withDirectoryMemo()}), so looking files of the tree up again costs one lstat each.
   */
  public TreeView view() {
    return view;
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
    List<DepmodModule> known = m.allDependencies();
    if (known != null) {
      return known;
    }
    LinkedHashSet<DepmodModule> seen = new LinkedHashSet<>();
    fill(m, seen);
    List<DepmodModule> list = new ArrayList<>(seen);
    list.sort((a, b) -> Integer.compare(a.dependencySortIndex(), b.dependencySortIndex()));
    // Fixed once resolved; modprobe runs ask for the same modules again and again.
    List<DepmodModule> fixed = Collections.unmodifiableList(list);
    m.setAllDependencies(fixed);
    return fixed;
  }

  private static void fill(DepmodModule m, LinkedHashSet<DepmodModule> seen) {
    for (DepmodModule d : m.dependencies()) {
      if (seen.add(d)) {
        fill(d, seen);
      }
    }
  }
}
