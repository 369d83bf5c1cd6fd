package dev.rdmaforge.kabi;

import dev.rdmaforge.kmod.ExportedSymbol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a kernel's cells into as few trees as possible, so that one Checker run (one depmod
 * resolution of the kernel's tree) decides many cells. Cells may share a tree when what they add
 * cannot change each other's verdicts: a module name is either the same file at the same path or
 * absent from the other cells, no symbol is exported by two different modules, no path is filled
 * twice, and no cell ships a depmod.d line beyond {@code override} or any modprobe.d file (those
 * concern every module).
 */
final class CellGrouping {
  private CellGrouping() {}

  /** A tree's worth of cells and what they put into it. */
  static final class Group {
    final List<CellPlan> cells = new ArrayList<>();
    final Map<String, CellPlan.Placed> byName = new HashMap<>();
    final Map<String, String> byPath = new HashMap<>();
    final Map<String, String> exports = new HashMap<>();
    final Map<String, Path> configs = new HashMap<>();
    boolean isolated;

    boolean accepts(CellPlan plan) {
      if (isolated) {
        return false;
      }
      for (CellPlan.Placed p : plan.modules()) {
        String name = p.module().name();
        CellPlan.Placed known = byName.get(name);
        if (known != null && (known.module() != p.module() || !known.relPath().equals(p.relPath()))) {
          return false;
        }
        String atPath = byPath.get(p.relPath());
        if (known == null && atPath != null) {
          return false;
        }
        for (ExportedSymbol e : p.module().facts().exports()) {
          String owner = exports.get(e.name());
          if (owner != null && !owner.equals(name)) {
            return false;
          }
        }
      }
      for (KabiPackage.ConfigFile c : plan.configFiles()) {
        Path known = configs.get(c.packagePath());
        if (known != null && !known.equals(c.extracted())) {
          return false;
        }
      }
      return true;
    }

    void add(CellPlan plan) {
      cells.add(plan);
      for (CellPlan.Placed p : plan.modules()) {
        byName.putIfAbsent(p.module().name(), p);
        byPath.putIfAbsent(p.relPath(), p.module().name());
        for (ExportedSymbol e : p.module().facts().exports()) {
          exports.putIfAbsent(e.name(), p.module().name());
        }
      }
      for (KabiPackage.ConfigFile c : plan.configFiles()) {
        configs.putIfAbsent(c.packagePath(), c.extracted());
      }
    }
  }

  static List<Group> group(List<CellPlan> plans) {
    List<Group> groups = new ArrayList<>();
    for (CellPlan plan : plans) {
      Group target = null;
      if (!plan.hasGlobalConfig()) {
        for (Group g : groups) {
          if (g.accepts(plan)) {
            target = g;
            break;
          }
        }
      }
      if (target == null) {
        target = new Group();
        target.isolated = plan.hasGlobalConfig();
        groups.add(target);
      }
      target.add(plan);
    }
    return groups;
  }
}
