package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.index.IndexValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts about one kernel's module directory that modprobe reads: what depmod wrote there
 * (modules.dep, modules.alias, modules.symbols and the built-in indexes, as their {@code .bin}
 * files hold them) and whether a module file exists.
 *
 * <p>{@link IndexedModuleTree} reads them from a directory depmod has run on; a depmod resolution
 * held in memory can provide the same facts without writing the files.
 */
public interface ModuleTree {

  /**
   * kmod's module directory, absolute ({@code /lib/modules/KVER}, or {@code ROOT/lib/modules/KVER}
   * for {@code modprobe -d ROOT}): relative paths of {@link #depEntry} are joined to it, and
   * modprobe names it when a module is not found.
   */
  String directory();

  /** The modules.dep entry of the module named {@code name} (a normalised name), if listed. */
  Optional<DepEntry> depEntry(String name);

  /** True when {@code name} is listed in modules.builtin (modules.builtin.bin). */
  boolean isBuiltin(String name);

  /**
   * modules.alias.bin: every key (an alias, possibly a pattern) with its module names and
   * priorities, keys in the index's byte order, values in the file's order. Empty when absent.
   */
  Map<String, List<IndexValue>> aliasIndex();

  /** modules.symbols.bin ({@code symbol:NAME} keys), as {@link #aliasIndex()}. */
  Map<String, List<IndexValue>> symbolIndex();

  /** modules.builtin.alias.bin, as {@link #aliasIndex()}. */
  Map<String, List<IndexValue>> builtinAliasIndex();

  /** True when the file at {@code path} (as kmod would stat it) exists. */
  boolean fileExists(String path);
}
