package dev.rdmaforge.kabi;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.SymbolBind;
import dev.rdmaforge.kmod.SymbolVersion;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.pkg.Requirement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses, for a package on a kernel, the modules of the other given packages that would provide
 * what it needs, as a site installing them together would get: a symbol the kernel exports with
 * the CRC the module was built against comes from the kernel; any other comes from the package
 * module exporting it, preferring the one whose CRC matches (the {@code ksym(sym) = CRC} provide
 * RPM would match), then one built for this kernel, then one whose kernel CRCs are this kernel's
 * (weak-modules would link it), then a package already chosen, then one of the same format (a
 * site installs RPMs or DEBs), then one built for the same kernel as the package, then input
 * order; when no package exports it, the kernel's export (or nothing) is what the module meets.
 * RPM {@code kmod(name.ko)} requirements the kernel does not meet are met the same way.
 */
final class ProviderChooser {
  private final Map<String, List<Candidate>> exporters = new HashMap<>();
  private final Map<String, List<Candidate>> byName = new HashMap<>();

  private record Candidate(KabiPackage pkg, PackagedModule module, int order) {}

  ProviderChooser(List<KabiPackage> packages) {
    int order = 0;
    for (KabiPackage p : packages) {
      for (PackagedModule m : p.modules()) {
        Candidate c = new Candidate(p, m, order++);
        byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(c);
        for (ExportedSymbol e : m.facts().exports()) {
          exporters.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(c);
        }
      }
    }
  }

  CellPlan plan(KabiPackage pkg, KabiKernel kernel) {
    Map<String, CellPlan.Placed> placed = new LinkedHashMap<>();
    List<KabiPackage> owners = new ArrayList<>(); // by identity: a record hash walks file lists
    owners.add(pkg);
    Deque<PackagedModule> queue = new ArrayDeque<>();
    for (PackagedModule m : pkg.modules()) {
      if (placed.putIfAbsent(m.name(),
          new CellPlan.Placed(m, pkg, m.placement(kernel.release()))) == null) {
        queue.add(m);
      }
    }
    for (Requirement r : pkg.pkg().requires()) {
      PackageRelation rel = r.first();
      if (rel.kind() == RelationKind.KMOD) {
        String name = rel.moduleFileName().map(ProviderChooser::moduleName).orElse(null);
        if (name != null && !placed.containsKey(name) && !kernel.modules().contains(name)) {
          Candidate c = best(byName.getOrDefault(name, List.of()), null, -1, pkg, kernel, owners);
          if (c != null) {
            place(c, kernel, placed, owners, queue);
          }
        }
      }
    }
    while (!queue.isEmpty()) {
      PackagedModule m = queue.poll();
      Map<String, Long> versions = new HashMap<>();
      for (SymbolVersion v : m.facts().versions()) {
        versions.putIfAbsent(v.name(), v.crc());
      }
      for (DependencySymbol u : m.facts().undefinedSymbols()) {
        if (u.bind() == SymbolBind.WEAK || exportedBy(placed, u.name())) {
          continue;
        }
        Long crc = versions.get(u.name());
        KernelExport k = kernel.exports().get(u.name());
        if (k != null && (crc == null || crc == k.crc()) && !overridden(k, placed)) {
          continue;
        }
        Candidate c = best(exporters.getOrDefault(u.name(), List.of()), u.name(),
            crc == null ? -1 : crc, pkg, kernel, owners);
        if (c == null || (k != null && !overridden(k, placed) && !crcMatches(c, u.name(), crc))) {
          continue; // the kernel's export is what it meets (and disagrees with)
        }
        if (c.pkg() != pkg && !placed.containsKey(c.module().name())) {
          place(c, kernel, placed, owners, queue);
        }
      }
    }
    List<String> providers = new ArrayList<>();
    List<KabiPackage.ConfigFile> configs = new ArrayList<>();
    for (KabiPackage o : owners) {
      if (o != pkg) {
        providers.add(o.label());
      }
      configs.addAll(o.configFiles());
    }
    return new CellPlan(pkg, kernel, List.copyOf(placed.values()), providers, configs);
  }

  private static void place(Candidate c, KabiKernel kernel, Map<String, CellPlan.Placed> placed,
      List<KabiPackage> owners, Deque<PackagedModule> queue) {
    placed.put(c.module().name(),
        new CellPlan.Placed(c.module(), c.pkg(), c.module().placement(kernel.release())));
    if (!owns(owners, c.pkg())) {
      owners.add(c.pkg());
    }
    queue.add(c.module());
  }

  private static boolean owns(List<KabiPackage> owners, KabiPackage p) {
    for (KabiPackage o : owners) {
      if (o == p) {
        return true;
      }
    }
    return false;
  }

  private static Candidate best(List<Candidate> candidates, String symbol, long crc,
      KabiPackage pkg, KabiKernel kernel, List<KabiPackage> owners) {
    Candidate best = null;
    int bestScore = -1;
    for (Candidate c : candidates) {
      int score = (symbol != null && crcMatches(c, symbol, crc < 0 ? null : crc) ? 64 : 0)
          + (kernel.release().equals(c.pkg().builtFor()) ? 32 : 0)
          + (compatible(c.module(), kernel) ? 16 : 0)
          + (owns(owners, c.pkg()) ? 8 : 0)
          + (c.pkg().isRpm() == pkg.isRpm() ? 4 : 0)
          + (pkg.builtFor() != null && pkg.builtFor().equals(c.pkg().builtFor()) ? 2 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Whether the module's CRCs of the kernel image's own symbols are the kernel's (what RHEL's
   * weak-modules checks before it links a module of another kernel).
   */
  private static boolean compatible(PackagedModule m, KabiKernel kernel) {
    for (SymbolVersion v : m.facts().versions()) {
      KernelExport k = kernel.exports().get(v.name());
      if (k != null && k.inVmlinux() && k.crc() != v.crc()) {
        return false;
      }
    }
    return true;
  }

  private static boolean crcMatches(Candidate c, String symbol, Long crc) {
    if (crc == null) {
      return true;
    }
    for (ExportedSymbol e : c.module().facts().exports()) {
      if (e.name().equals(symbol)) {
        return e.crc() == crc;
      }
    }
    return false;
  }

  private static boolean exportedBy(Map<String, CellPlan.Placed> placed, String symbol) {
    for (CellPlan.Placed p : placed.values()) {
      for (ExportedSymbol e : p.module().facts().exports()) {
        if (e.name().equals(symbol)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A kernel module's export is gone when a placed module of the same name replaces it. */
  static boolean overridden(KernelExport k, Map<String, CellPlan.Placed> placed) {
    if (k.inVmlinux()) {
      return false;
    }
    String m = k.module();
    return placed.containsKey(m.substring(m.lastIndexOf('/') + 1).replace('-', '_'));
  }

  private static String moduleName(String fileName) {
    int ko = fileName.indexOf(".ko");
    return (ko < 0 ? fileName : fileName.substring(0, ko)).replace('-', '_');
  }
}
