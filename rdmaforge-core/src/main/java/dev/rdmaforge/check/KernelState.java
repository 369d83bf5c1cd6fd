package dev.rdmaforge.check;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.SymbolBind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modules a kernel has loaded so far in one modprobe run, and the symbols they and the kernel
 * image export. The kernel searches its own exports first, then the loaded modules, newest first.
 */
final class KernelState {
  private final TargetKernel kernel;
  private final List<Loaded> loaded = new ArrayList<>();
  private final Map<String, Loaded> byName = new HashMap<>();

  private record Loaded(CheckedModule module, Map<String, ExportedSymbol> exports) {}

  KernelState(TargetKernel kernel) {
    this.kernel = kernel;
  }

  TargetKernel kernel() {
    return kernel;
  }

  boolean isLoaded(String name) {
    return byName.containsKey(name) || kernel.builtin().contains(name);
  }

  void add(CheckedModule module) {
    Loaded l = new Loaded(module, module.facts().exportsByName());
    loaded.add(l);
    byName.put(module.name(), l);
  }

  /**
   * The provider the kernel's {@code find_symbol} finds, or null. With {@code gplOk} false (a
   * module with a non-GPL license) GPL-only exports are invisible, as in the kernel.
   */
  SymbolProvider find(String symbol, boolean gplOk) {
    KernelExport k = kernel.exports().get(symbol);
    if (k != null && (gplOk || !k.gplOnly())) {
      return new SymbolProvider("vmlinux", null, k.crc(), true, k.gplOnly(), k.namespace());
    }
    for (int i = loaded.size() - 1; i >= 0; i--) {
      Loaded l = loaded.get(i);
      ExportedSymbol e = l.exports().get(symbol);
      if (e != null && (gplOk || !e.gplOnly())) {
        return new SymbolProvider(
            l.module().name(), l.module().file(), e.crc(), hasCrc(e), e.gplOnly(), "");
      }
    }
    return null;
  }

  /**
   * Whether a loaded module outside {@code closure} already exports one of {@code module}'s
   * symbols, which would make the kernel refuse {@code module} as a duplicate exporter.
   */
  boolean exportsClashOutside(CheckedModule module, Set<String> closure) {
    for (Loaded l : loaded) {
      if (closure.contains(l.module().name())) {
        continue;
      }
      for (ExportedSymbol e : module.facts().exports()) {
        if (l.exports().containsKey(e.name())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The owner of {@code symbol} regardless of licence, for duplicate-export checks; or null. */
  String owner(String symbol) {
    if (kernel.exports().containsKey(symbol)) {
      return "vmlinux";
    }
    for (int i = loaded.size() - 1; i >= 0; i--) {
      if (loaded.get(i).exports().containsKey(symbol)) {
        return loaded.get(i).module().name();
      }
    }
    return null;
  }

  /** A name read from {@code __ksymtab_strings} has no {@code __crc_} symbol behind it. */
  static boolean hasCrc(ExportedSymbol e) {
    return !(e.bind() == SymbolBind.GLOBAL && e.crc() == 0);
  }
}
