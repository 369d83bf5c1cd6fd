package dev.rdmaforge.check;

import dev.rdmaforge.depmod.ModuleSymbols;
import dev.rdmaforge.kernel.keys.SignedContentDigest;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kernel's loader looks at in a module file. Built from what depmod already read (and
 * cached) plus two facts of the check's own cache, so a warm {@code check --all} parses nothing.
 *
 * <p>modinfo the .modinfo entries (vermagic, license, intree, staging, import_ns, firmware)
 * <p>exports the symbols it exports, with CRCs and the GPL-only flag
 * <p>undefined the undefined symbols the kernel resolves, in symbol table order
 * <p>versions the {@code __versions} CRCs by name (the first of each name), as far as the
 *     kernel consults them: those of the undefined symbols and the unmatched entries such as
 *     {@code module_layout}
 * <p>signature the signature facts with the digest of the signed bytes; empty when not read
 */
public final class ModuleFacts {
  private final List<ModinfoEntry> modinfo;
  private final List<ExportedSymbol> exports;
  private final List<DependencySymbol> undefined;
  private final Map<String, Long> versions;
  private final Optional<SignedContentDigest> signature;
  private final Map<String, ExportedSymbol> exportsByName;

  /** Copies the collections. */
  public ModuleFacts(List<ModinfoEntry> modinfo, List<ExportedSymbol> exports,
      List<DependencySymbol> undefined, Map<String, Long> versions,
      Optional<SignedContentDigest> signature) {
    this.modinfo = List.copyOf(modinfo);
    this.exports = List.copyOf(exports);
    this.undefined = List.copyOf(undefined);
    this.versions = Map.copyOf(versions);
    this.signature = Objects.requireNonNull(signature, "signature");
    Map<String, ExportedSymbol> index = new HashMap<>(exports.size() * 2);
    for (ExportedSymbol e : exports) {
      index.putIfAbsent(e.name(), e);
    }
    this.exportsByName = index;
  }

  public List<ModinfoEntry> modinfo() {
    return modinfo;
  }

  public List<ExportedSymbol> exports() {
    return exports;
  }

  public List<DependencySymbol> undefined() {
    return undefined;
  }

  public Map<String, Long> versions() {
    return versions;
  }

  public Optional<SignedContentDigest> signature() {
    return signature;
  }

  /**
   * The facts from depmod's view of a file: its dependency symbols are the {@code undefinedCount}
   * undefined symbols (each with its {@code __versions} CRC, 0 without one) followed by the
   * {@code __versions} entries no undefined symbol matched.
   */
  public static ModuleFacts of(ModuleSymbols symbols, int undefinedCount,
      Optional<SignedContentDigest> signature) {
    List<DependencySymbol> needs = symbols.needs();
    Map<String, Long> versions = new HashMap<>(needs.size() * 2);
    for (int i = 0; i < needs.size(); i++) {
      DependencySymbol d = needs.get(i);
      if (i >= undefinedCount || d.crc() != 0) {
        versions.putIfAbsent(d.name(), d.crc());
      }
    }
    return new ModuleFacts(symbols.modinfo(), symbols.exports(),
        needs.subList(0, Math.min(undefinedCount, needs.size())), versions, signature);
  }

  /** The value of the first .modinfo entry with {@code key}. */
  public Optional<String> firstModinfo(String key) {
    for (ModinfoEntry e : modinfo) {
      if (e.key().equals(key)) {
        return Optional.of(e.value());
      }
    }
    return Optional.empty();
  }

  /** Every value of {@code key}, in file order. */
  public List<String> modinfo(String key) {
    return modinfo.stream().filter(e -> e.key().equals(key)).map(ModinfoEntry::value).toList();
  }

  /** The exports by name (the first of each name). */
  public Map<String, ExportedSymbol> exportsByName() {
    return exportsByName;
  }

  /** Whether the module has a {@code __versions} table at all. */
  public boolean hasVersions() {
    return !versions.isEmpty();
  }
}
