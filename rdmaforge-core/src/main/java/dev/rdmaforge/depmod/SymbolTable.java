package dev.rdmaforge.depmod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * depmod's symbol table: who provides each symbol and with which CRC. Kernel symbols from -E or
 * -F have no owner. Adding a name again replaces its owner and CRC (kmod's hash_add), so when two
 * modules export one symbol the module later in the output order owns it.
 */
final class SymbolTable {
  /** A provided symbol: its owner (null for the kernel itself) and CRC. */
  static final class Symbol {
    final String name;
    DepmodModule owner;
    long crc;

    Symbol(String name, DepmodModule owner, long crc) {
      this.name = name;
      this.owner = owner;
      this.crc = crc;
    }
  }

  private final Map<String, Symbol> symbols = new HashMap<>(32768);
  private final char prefix;

  SymbolTable(char prefix) {
    this.prefix = prefix;
  }

  /** kmod's depmod_symbol_add; {@code prefixSkipped} says the caller already removed -P's char. */
  void add(String name, boolean prefixSkipped, long crc, DepmodModule owner) {
    if (!prefixSkipped && !name.isEmpty() && name.charAt(0) == prefix) {
      name = name.substring(1);
    }
    Symbol existing = symbols.get(name);
    if (existing != null) {
      existing.owner = owner;
      existing.crc = crc;
    } else {
      symbols.put(name, new Symbol(name, owner, crc));
    }
  }

  /** kmod's depmod_symbol_find: a leading '.' (PPC64) and the -P prefix are ignored. */
  Symbol find(String name) {
    if (!name.isEmpty() && name.charAt(0) == '.') {
      name = name.substring(1);
    }
    if (!name.isEmpty() && name.charAt(0) == prefix) {
      name = name.substring(1);
    }
    return symbols.get(name);
  }

  boolean contains(String name) {
    return find(name) != null;
  }

  /**
   * The symbols in kmod's hash iteration order (what modules.symbols is written in). Computed
   * once: the table does not change after dependencies are linked.
   */
  List<Symbol> inIterationOrder() {
    if (ordered == null) {
      List<Symbol> list = new ArrayList<>(symbols.values());
      Map<Symbol, Integer> buckets = new java.util.IdentityHashMap<>(list.size() * 2);
      for (Symbol sym : list) {
        buckets.put(sym, KmodHash.bucket(sym.name, KmodHash.SYMBOL_BUCKETS));
      }
      list.sort(
          (a, b) -> {
            int c = Integer.compare(buckets.get(a), buckets.get(b));
            return c != 0 ? c : a.name.compareTo(b.name);
          });
      ordered = List.copyOf(list);
    }
    return ordered;
  }

  private List<Symbol> ordered;
}
