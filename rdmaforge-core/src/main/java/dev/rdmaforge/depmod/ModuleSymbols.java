package dev.rdmaforge.depmod;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.ModuleFile;
import java.util.List;

/**
 * The part of a module file depmod uses: its .modinfo, the symbols it exports and the symbols it
 * needs. Small enough to keep in {@link ModuleDataCache} between runs.
 */
public record ModuleSymbols(
    List<ModinfoEntry> modinfo, List<ExportedSymbol> exports, List<DependencySymbol> needs) {

  public ModuleSymbols {
    modinfo = List.copyOf(modinfo);
    exports = List.copyOf(exports);
    needs = List.copyOf(needs);
  }

  /** What depmod takes from a parsed module file. */
  public static ModuleSymbols of(ModuleFile file) {
    return new ModuleSymbols(file.modinfo(), file.exports(), file.dependencySymbols());
  }
}
