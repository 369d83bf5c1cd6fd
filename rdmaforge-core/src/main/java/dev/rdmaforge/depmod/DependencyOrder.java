package dev.rdmaforge.depmod;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * depmod's dependency order: a topological sort that emits modules nobody needs first, using a
 * stack (so the last root found is taken next), then each module's direct dependencies sorted by
 * that order. When modules remain, they are in cycles; the cycles are reported as kmod reports
 * them.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  /** Sorts; returns the cycles found (each as module names, first == last), empty when none. */
  static List<List<String>> sort(List<DepmodModule> modules) {
    int n = modules.size();
    int[] users = new int[n];
    int[] roots = new int[n];
    int nRoots = 0;
    for (int i = 0; i < n; i++) {
      users[i] = modules.get(i).users();
      if (users[i] == 0) {
        roots[nRoots++] = i;
      }
    }
    int sorted = 0;
    while (nRoots > 0) {
      DepmodModule src = modules.get(roots[--nRoots]);
      src.setDependencySortIndex(sorted++);
      for (DepmodModule dst : src.dependencies()) {
        int d = dst.index();
        users[d]--;
        if (users[d] == 0) {
          roots[nRoots++] = d;
        }
      }
    }
    if (sorted < n) {
      return cycles(modules, users);
    }
    for (DepmodModule m : modules) {
      if (m.dependencies().size() > 1) {
        m.dependencies().sort(
            (a, b) -> Integer.compare(a.dependencySortIndex(), b.dependencySortIndex()));
      }
    }
    return List.of();
  }

  /** How many distinct modules the reported cycles name. */
  static int modulesInCycles(List<List<String>> cycles) {
    Set<String> names = new LinkedHashSet<>();
    for (List<String> c : cycles) {
      names.addAll(c.subList(0, c.size() - 1));
    }
    return names.size();
  }

  private static final class Vertex {
    final Vertex parent;
    final DepmodModule module;

    Vertex(DepmodModule module, Vertex parent) {
      this.module = module;
      this.parent = parent;
    }
  }

  /** kmod's depmod_report_cycles: a depth-first walk from each module still holding users. */
  private static List<List<String>> cycles(List<DepmodModule> modules, int[] users) {
    LinkedList<DepmodModule> roots = new LinkedList<>();
    for (int i = 0; i < modules.size(); i++) {
      if (users[i] > 0) {
        roots.add(modules.get(i));
      }
    }
    Map<DepmodModule, Boolean> visited = new IdentityHashMap<>();
    List<List<String>> found = new ArrayList<>();
    int budget = 1_000_000; // kmod would overrun its stack; stop instead of looping forever
    while (!roots.isEmpty() && budget > 0) {
      DepmodModule rootModule = roots.removeFirst();
      Deque<Vertex> stack = new ArrayDeque<>();
      Vertex root = new Vertex(rootModule, null);
      stack.push(root);
      while (!stack.isEmpty() && budget-- > 0) {
        Vertex v = stack.pop();
        DepmodModule m = v.module;
        if (visited.containsKey(m) && m == rootModule) {
          List<String> names = new ArrayList<>();
          for (Vertex p = v.parent; p != null; p = p.parent) {
            names.add(0, p.module.name());
            removeIdentity(roots, p.module);
          }
          names.add(m.name());
          found.add(names);
          continue;
        }
        visited.put(m, Boolean.TRUE);
        if (m.dependencies().isEmpty()) {
          removeIdentity(roots, m);
          continue;
        }
        for (DepmodModule dep : m.dependencies()) {
          stack.push(new Vertex(dep, v));
        }
      }
    }
    return found;
  }

  private static void removeIdentity(List<DepmodModule> list, DepmodModule m) {
    list.removeIf(x -> x == m);
  }
}
