package dev.rdmaforge.check;

import dev.rdmaforge.depmod.ModuleSymbols;
import dev.rdmaforge.kernel.keys.SignedContentDigest;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 * <p>signature the signature facts with the digest of the signed bytes; empty when not read.
 *     From the cache it is decoded only when asked for: a verdict remembered for the same trusted
 *     keys ({@link #rememberedVerdict}) makes that unnecessary.
 */
public final class ModuleFacts {
  private final List<ModinfoEntry> modinfo;
  private final List<ExportedSymbol> exports;
  private final List<DependencySymbol> undefined;
  private final Map<String, Long> versions;
  private final Map<String, ExportedSymbol> exportsByName;
  private final Supplier<SignedContentDigest> signatureSource; // null: the signature is known
  private volatile Optional<SignedContentDigest> signature; // null until decoded
  private final ModuleFactsCache.Extras cached; // null: verdicts are not remembered

  /** Copies the collections. */
  public ModuleFacts(List<ModinfoEntry> modinfo, List<ExportedSymbol> exports,
      List<DependencySymbol> undefined, Map<String, Long> versions,
      Optional<SignedContentDigest> signature) {
    this(List.copyOf(modinfo), List.copyOf(exports), List.copyOf(undefined),
        Map.copyOf(versions), Objects.requireNonNull(signature, "signature"), null, null);
  }

  /** Takes the collections as they are (callers hand over unmodifiable ones). */
  private ModuleFacts(List<ModinfoEntry> modinfo, List<ExportedSymbol> exports,
      List<DependencySymbol> undefined, Map<String, Long> versions,
      Optional<SignedContentDigest> signature, Supplier<SignedContentDigest> signatureSource,
      ModuleFactsCache.Extras cached) {
    this.modinfo = modinfo;
    this.exports = exports;
    this.undefined = undefined;
    this.versions = versions;
    this.signature = signature;
    this.signatureSource = signatureSource;
    this.cached = cached;
    Map<String, ExportedSymbol> index = new HashMap<>(exports.size() * 2);
    for (ExportedSymbol e : exports) {
      index.putIfAbsent(e.name(), e);
    }
    this.exportsByName = Collections.unmodifiableMap(index);
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
    Optional<SignedContentDigest> s = signature;
    if (s == null) {
      s = Optional.of(signatureSource.get()); // racing threads decode the same bytes: harmless
      signature = s;
    }
    return s;
  }

  /**
   * The facts from depmod's view of a file: its dependency symbols are the {@code undefinedCount}
   * undefined symbols (each with its {@code __versions} CRC, 0 without one) followed by the
   * {@code __versions} entries no undefined symbol matched.
   */
  public static ModuleFacts of(ModuleSymbols symbols, int undefinedCount,
      Optional<SignedContentDigest> signature) {
    return of(symbols, undefinedCount, Objects.requireNonNull(signature, "signature"), null,
        null);
  }

  /**
   * {@link #of(ModuleSymbols, int, Optional)} with the signature decoded from {@code source} when
   * first asked for, and verdicts remembered in {@code cached}.
   */
  static ModuleFacts of(ModuleSymbols symbols, int undefinedCount,
      Supplier<SignedContentDigest> source, ModuleFactsCache.Extras cached) {
    return of(symbols, undefinedCount, null, Objects.requireNonNull(source, "source"), cached);
  }

  private static ModuleFacts of(ModuleSymbols symbols, int undefinedCount,
      Optional<SignedContentDigest> signature, Supplier<SignedContentDigest> source,
      ModuleFactsCache.Extras cached) {
    List<DependencySymbol> needs = symbols.needs();
    Map<String, Long> versions = new HashMap<>(needs.size() * 2);
    for (int i = 0; i < needs.size(); i++) {
      DependencySymbol d = needs.get(i);
      if (i >= undefinedCount || d.crc() != 0) {
        versions.putIfAbsent(d.name(), d.crc());
      }
    }
    // ModuleSymbols' lists are unmodifiable already; a sub-list of one is too.
    List<DependencySymbol> undefined = undefinedCount >= needs.size() ? needs
        : needs.subList(0, Math.max(0, undefinedCount));
    return new ModuleFacts(symbols.modinfo(), symbols.exports(), undefined,
        Collections.unmodifiableMap(versions), signature, source, cached);
  }

  /**
   * The signature verdict remembered for this file with the trusted keys named by {@code keySet}
   * (see {@link SignatureCheckers}), or null.
   */
  SignatureVerdict rememberedVerdict(byte[] keySet) {
    return cached == null ? null : cached.verdict(keySet);
  }

  /** Remembers the verdict reached with the keys named by {@code keySet}, for the next run. */
  void rememberVerdict(byte[] keySet, SignatureVerdict verdict) {
    if (cached != null) {
      cached.remember(keySet, verdict);
    }
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
