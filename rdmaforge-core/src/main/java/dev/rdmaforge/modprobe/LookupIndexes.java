package dev.rdmaforge.modprobe;

import java.util.function.Supplier;

/**
 * A module tree with the alias, symbol and built-in alias indexes modprobe searches, each prepared
 * once on first use. Every modprobe run of a tree can share one: the indexes do not change within
 * a run and reading them is free of side effects, so planners on several threads may search them
 * at once.
 */
public final class LookupIndexes {
  private final ModuleTree tree;
  private final Once aliases;
  private final Once symbols;
  private final Once builtinAliases;

  public LookupIndexes(ModuleTree tree) {
    this.tree = tree;
    this.aliases = new Once(() -> new WildcardIndex(tree.aliasIndex()));
    this.symbols = new Once(() -> new WildcardIndex(tree.symbolIndex()));
    this.builtinAliases = new Once(() -> new WildcardIndex(tree.builtinAliasIndex()));
  }

  public ModuleTree tree() {
    return tree;
  }

  WildcardIndex aliases() {
    return aliases.get();
  }

  WildcardIndex symbols() {
    return symbols.get();
  }

  WildcardIndex builtinAliases() {
    return builtinAliases.get();
  }

  private static final class Once {
    private final Supplier<WildcardIndex> maker;
    private WildcardIndex value;

    Once(Supplier<WildcardIndex> maker) {
      this.maker = maker;
    }

    synchronized WildcardIndex get() {
      if (value == null) {
        value = maker.get();
      }
      return value;
    }
  }
}
