package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.index.IndexValue;
import dev.rdmaforge.depmod.index.KmodIndexReader;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module directory as modprobe sees it after depmod ran there: the binary indexes it reads
 * (modules.dep.bin, modules.alias.bin, modules.symbols.bin, modules.builtin.bin,
 * modules.builtin.alias.bin), each read once. A missing index is empty, as for kmod, which then
 * finds nothing in it.
 */
public final class IndexedModuleTree implements ModuleTree {
  private final TreeView view;
  private final String directory;
  private final Map<String, List<IndexValue>> dep;
  private final Map<String, List<IndexValue>> alias;
  private final Map<String, List<IndexValue>> symbols;
  private final Map<String, List<IndexValue>> builtin;
  private final Map<String, List<IndexValue>> builtinAlias;

  private IndexedModuleTree(TreeView view, String directory) {
    this.view = view;
    this.directory = directory;
    this.dep = read("modules.dep.bin");
    this.alias = read("modules.alias.bin");
    this.symbols = read("modules.symbols.bin");
    this.builtin = read("modules.builtin.bin");
    this.builtinAlias = read("modules.builtin.alias.bin");
  }

  /**
   * Reads the indexes of {@code directory} (a path of {@code view}, e.g. {@code
   * ROOT/lib/modules/KVER} on the host or {@code /lib/modules/KVER} in an image root).
   *
   * @throws dev.rdmaforge.depmod.index.KmodIndexFormatException when an index is malformed (kmod
   *     would refuse it); the message names the file and the byte offset
   */
  public static IndexedModuleTree open(TreeView view, String directory) {
    return new IndexedModuleTree(view, directory);
  }

  private Map<String, List<IndexValue>> read(String name) {
    String path = directory + "/" + name;
    if (view.stat(path) == null) {
      return Map.of();
    }
    try {
      return KmodIndexReader.read(view.physical(path)).entries();
    } catch (IOException e) {
      return Map.of(); // unreadable through the view: kmod cannot open it either
    }
  }

  @Override
  public String directory() {
    return directory;
  }

  @Override
  public Optional<DepEntry> depEntry(String name) {
    List<IndexValue> values = dep.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    return DepEntry.parse(values.get(0).value());
  }

  @Override
  public boolean isBuiltin(String name) {
    return builtin.containsKey(name);
  }

  @Override
  public Map<String, List<IndexValue>> aliasIndex() {
    return alias;
  }

  @Override
  public Map<String, List<IndexValue>> symbolIndex() {
    return symbols;
  }

  @Override
  public Map<String, List<IndexValue>> builtinAliasIndex() {
    return builtinAlias;
  }

  @Override
  public boolean fileExists(String path) {
    return view.stat(path) != null;
  }
}
