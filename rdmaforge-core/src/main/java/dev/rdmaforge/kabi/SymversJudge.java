package dev.rdmaforge.kabi;

import dev.rdmaforge.check.Verdict;
import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.Vermagic;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.SymbolBind;
import dev.rdmaforge.kmod.SymbolVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides a cell from the kernel's exports alone (a Module.symvers, a header tree), with the
 * checks of Linux 6.1's {@code load_module} that exports can answer, in the kernel's order:
 * {@code module_layout}, version magic (when the kernel's is known), each imported symbol's CRC
 * against the provider the kernel finds (its own image first, then the loaded modules), unknown
 * and GPL-only symbols, namespaces. modprobe inserts a module's providers first and stops at the
 * first that fails. Signatures and duplicate exports need the kernel's image and state and are
 * not decided here (the kernel's limits say so). The same verdict names as {@code check}.
 */
final class SymversJudge {
  /** {@code license_is_gpl_compatible} in include/linux/license.h. */
  private static final Set<String> GPL_COMPATIBLE = Set.of("GPL", "GPL v2",
      "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL");

  private final KabiKernel kernel;
  private final Map<String, CellPlan.Placed> placed = new LinkedHashMap<>();
  private final Map<String, String> exporter = new HashMap<>();
  private final Map<String, KabiModule> decided = new HashMap<>();
  private final Set<String> deciding = new HashSet<>();

  private SymversJudge(CellPlan plan) {
    this.kernel = plan.kernel();
    for (CellPlan.Placed p : plan.modules()) {
      placed.put(p.module().name(), p);
      for (ExportedSymbol e : p.module().facts().exports()) {
        exporter.putIfAbsent(e.name(), p.module().name());
      }
    }
  }

  /** The verdict of every module of the cell's package, in package order. */
  static List<KabiModule> judge(CellPlan plan) {
    SymversJudge judge = new SymversJudge(plan);
    List<KabiModule> results = new ArrayList<>();
    for (PackagedModule m : plan.pkg().modules()) {
      results.add(judge.decide(m.name()));
    }
    return results;
  }

  private KabiModule decide(String name) {
    KabiModule known = decided.get(name);
    if (known != null) {
      return known;
    }
    deciding.add(name);
    CellPlan.Placed p = placed.get(name);
    ModuleFile facts = p.module().facts();
    // modprobe inserts what the module needs from other modules first (modules.dep order).
    for (DependencySymbol u : facts.undefinedSymbols()) {
      String dep = exporter.get(u.name());
      if (dep == null || dep.equals(name) || inVmlinux(u.name())
          || (deciding.contains(dep) && !decided.containsKey(dep))) {
        continue; // the kernel's own, or a dependency cycle (modprobe breaks it)
      }
      KabiModule d = decide(dep);
      if (!d.loads()) {
        String first = d.verdict().equals(Verdict.DEPENDENCY_FAILED.id()) ? d.blockedBy() : dep;
        KabiModule r = new KabiModule(name, p.relPath(), Verdict.DEPENDENCY_FAILED.id(),
            List.of(), "needs " + dep + ", which does not load: " + d.message(), first,
            List.of());
        decided.put(name, r);
        return r;
      }
    }
    KabiModule r = ownChecks(p, facts);
    decided.put(name, r);
    return r;
  }

  private boolean inVmlinux(String symbol) {
    KernelExport k = kernel.exports().get(symbol);
    return k != null && k.inVmlinux();
  }

  private KabiModule ownChecks(CellPlan.Placed p, ModuleFile facts) {
    String name = p.module().name();
    Map<String, Long> versions = new HashMap<>();
    for (SymbolVersion v : facts.versions()) {
      versions.putIfAbsent(v.name(), v.crc());
    }
    boolean hasVersions = !facts.versions().isEmpty();
    KernelExport layout = kernel.exports().get("module_layout");
    if (layout != null) {
      if (!hasVersions && !kernel.forceLoadAllowed()) {
        return refuse(p, Verdict.VERMAGIC_MISMATCH, List.of(),
            "no symbol versions and the kernel does not allow forced loads", List.of());
      }
      Long built = versions.get("module_layout");
      if (hasVersions && built != null && built != layout.crc()) {
        return refuse(p, Verdict.SYMBOL_VERSION_MISMATCH, List.of("module_layout"),
            "disagrees about version of symbol module_layout: built against "
                + hex(built) + ", the kernel exports " + hex(layout.crc()),
            List.of(new KabiModule.Mismatch("module_layout", built, layout.crc(), "vmlinux")));
      }
    }
    String modmagic = facts.firstModinfo("vermagic").orElse(null);
    if (modmagic == null && !kernel.forceLoadAllowed()) {
      return refuse(p, Verdict.VERMAGIC_MISMATCH, List.of(),
          "no version magic and the kernel does not allow forced loads", List.of());
    }
    if (modmagic != null && kernel.vermagic() != null
        && !Vermagic.same(modmagic, kernel.vermagic(), hasVersions)) {
      return refuse(p, Verdict.VERMAGIC_MISMATCH, List.of(), "version magic '" + modmagic
          + "' should be '" + kernel.vermagic() + "'", List.of());
    }
    String license = facts.firstModinfo("license").orElse(null);
    boolean gplOk = license != null && GPL_COMPATIBLE.contains(license);
    Set<String> imports = new HashSet<>(facts.modinfo("import_ns"));
    List<KabiModule.Mismatch> mismatches = new ArrayList<>();
    TreeSet<String> unknown = new TreeSet<>();
    for (DependencySymbol u : facts.undefinedSymbols()) {
      Provider pr = find(u.name(), gplOk, name);
      if (pr == null) {
        if (u.bind() != SymbolBind.WEAK) {
          unknown.add(u.name());
        }
        continue;
      }
      Long built = versions.get(u.name());
      if (pr.hasCrc() && hasVersions && built != null && built != pr.crc()) {
        mismatches.add(new KabiModule.Mismatch(u.name(), built, pr.crc(), pr.owner()));
        continue;
      }
      if (!pr.namespace().isEmpty() && !imports.contains(pr.namespace())) {
        unknown.add(u.name());
      }
    }
    if (!mismatches.isEmpty()) {
      TreeSet<String> names = new TreeSet<>();
      mismatches.forEach(mm -> names.add(mm.symbol()));
      KabiModule.Mismatch first = mismatches.get(0);
      return refuse(p, Verdict.SYMBOL_VERSION_MISMATCH, List.copyOf(names),
          "disagrees about version of symbol" + (names.size() > 1 ? "s " : " ")
              + String.join(", ", names) + ": built against " + hex(first.moduleCrc()) + ", "
              + first.provider() + " exports " + hex(first.providerCrc()), mismatches);
    }
    if (!unknown.isEmpty()) {
      return refuse(p, Verdict.UNKNOWN_SYMBOL, List.copyOf(unknown),
          "Unknown symbol" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
              + (gplOk ? ": nothing loaded exports " + (unknown.size() > 1 ? "them" : "it")
                  : ": license '" + license + "' is not GPL-compatible, so GPL-only exports"
                      + " are hidden from it"), List.of());
    }
    return new KabiModule(name, p.relPath(), Verdict.LOADS.id(), List.of(), "loads", null,
        List.of());
  }

  private record Provider(String owner, long crc, boolean hasCrc, String namespace) {}

  /**
   * The kernel's {@code find_symbol}: its own image first, then the modules loaded before (this
   * cell's modules, and the kernel's own modules, which modprobe loads when needed).
   */
  private Provider find(String symbol, boolean gplOk, String self) {
    KernelExport k = kernel.exports().get(symbol);
    if (k != null && k.inVmlinux() && (gplOk || !k.gplOnly())) {
      return new Provider("vmlinux", k.crc(), true, k.namespace());
    }
    String dep = exporter.get(symbol);
    if (dep != null && !dep.equals(self)) {
      for (ExportedSymbol e : placed.get(dep).module().facts().exports()) {
        if (e.name().equals(symbol) && (gplOk || !e.gplOnly())) {
          return new Provider(dep, e.crc(), !(e.bind() == SymbolBind.GLOBAL && e.crc() == 0), "");
        }
      }
    }
    if (k != null && !k.inVmlinux() && (gplOk || !k.gplOnly())
        && !ProviderChooser.overridden(k, placed)) {
      String m = k.module();
      return new Provider(m.substring(m.lastIndexOf('/') + 1), k.crc(), true, k.namespace());
    }
    return null;
  }

  private static KabiModule refuse(CellPlan.Placed p, Verdict verdict, List<String> symbols,
      String why, List<KabiModule.Mismatch> mismatches) {
    return new KabiModule(p.module().name(), p.relPath(), verdict.id(), symbols, why, null,
        mismatches);
  }

  static String hex(long crc) {
    return String.format("0x%08x", crc);
  }
}
