package dev.rdmaforge.check;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.DepmodOutputs;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.index.BuiltinIndexOutput;
import dev.rdmaforge.depmod.index.BuiltinIndexes;
import dev.rdmaforge.depmod.index.IndexValue;
import dev.rdmaforge.depmod.index.KmodIndexReader;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.modprobe.DepEntry;
import dev.rdmaforge.modprobe.ModuleTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The module directory modprobe will see on the booted image: the files the image's own depmod
 * writes, taken from the resolution in memory instead of from whatever (possibly stale) indexes the
 * image holds. The image's depmod runs at install time or on first boot, so its resolution is what
 * counts, not the files a package happened to ship.
 *
 * <p>The indexes are made each time they are asked for: share them between runs through one {@link
 * dev.rdmaforge.modprobe.LookupIndexes}, which asks only when a lookup needs them (most names are
 * module names found in modules.dep, and the alias index of a full tree costs more than all of
 * those lookups together).
 */
final class ResolutionModuleTree implements ModuleTree {
  private final Resolution resolution;
  private final Set<String> builtin;
  private final TreeView view;
  // Every modprobe run of `check --all` asks again for the same lines and files: answer once.
  private final Map<String, Optional<DepEntry>> depEntries = new ConcurrentHashMap<>();
  private final Map<String, Boolean> existing = new ConcurrentHashMap<>();

  ResolutionModuleTree(Resolution resolution, Set<String> builtin) {
    this.resolution = resolution;
    this.builtin = builtin;
    this.view = resolution.view(); // directories resolved once, during the resolution
  }

  @Override
  public String directory() {
    return resolution.request().dirname();
  }

  @Override
  public Optional<DepEntry> depEntry(String name) {
    return depEntries.computeIfAbsent(name, this::readDepEntry);
  }

  private Optional<DepEntry> readDepEntry(String name) {
    Optional<DepmodModule> m = resolution.module(name);
    if (m.isEmpty()) {
      return Optional.empty();
    }
    return DepEntry.parse(DepmodOutputs.depLine(resolution, m.get()));
  }

  @Override
  public boolean isBuiltin(String name) {
    return builtin.contains(name);
  }

  @Override
  public Map<String, List<IndexValue>> aliasIndex() {
    return index(resolution, "modules.alias.bin");
  }

  @Override
  public Map<String, List<IndexValue>> symbolIndex() {
    return index(resolution, "modules.symbols.bin");
  }

  @Override
  public Map<String, List<IndexValue>> builtinAliasIndex() {
    return builtinAliasIndexFromKernel();
  }

  @Override
  public boolean fileExists(String path) {
    return existing.computeIfAbsent(path, p -> view.stat(p) != null);
  }

  /** The index's entries as a reader of the written file sees them, made without the file. */
  private static Map<String, List<IndexValue>> index(Resolution resolution, String name) {
    return DepmodOutputs.index(resolution, name);
  }

  /** modules.builtin.alias.bin as depmod makes it from the kernel's modules.builtin.modinfo. */
  private Map<String, List<IndexValue>> builtinAliasIndexFromKernel() {
    String dirname = directory();
    Path physical;
    try {
      physical = view.physical(dirname);
    } catch (IOException e) {
      return Map.of();
    }
    BuiltinIndexOutput out = BuiltinIndexes.modulesBuiltinAliasBin(physical, dirname);
    return out.content()
        .map(bytes -> KmodIndexReader.parse(bytes, BuiltinIndexes.MODULES_BUILTIN_ALIAS_BIN)
            .entries())
        .orElse(Map.of());
  }
}
