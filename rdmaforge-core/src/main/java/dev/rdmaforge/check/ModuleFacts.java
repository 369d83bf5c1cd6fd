package dev.rdmaforge.check;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.SymbolVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel's loader looks at in a module file, small enough to cache between runs.
 *
 * @param modinfo the .modinfo entries (vermagic, license, intree, staging, import_ns, firmware)
 * @param exports the symbols it exports, with CRCs and the GPL-only flag
 * @param undefined the undefined symbols the kernel resolves, in symbol table order
 * @param versions the {@code __versions} table: the first CRC of each name
 * @param signatureMarker whether the file ends with {@code ~Module signature appended~}
 * @param signature the signature as read and, when known, the digest of the signed bytes
 */
public record ModuleFacts(
    List<ModinfoEntry> modinfo,
    List<ExportedSymbol> exports,
    List<DependencySymbol> undefined,
    Map<String, Long> versions,
    boolean signatureMarker,
    Optional<SignedContent> signature) {

  /** Copies the collections. */
  public ModuleFacts {
    modinfo = List.copyOf(modinfo);
    exports = List.copyOf(exports);
    undefined = List.copyOf(undefined);
    versions = Map.copyOf(versions);
  }

  /** The facts of a parsed module, with {@code signature} computed by the caller. */
  public static ModuleFacts of(ModuleFile file, Optional<SignedContent> signature) {
    Map<String, Long> versions = new HashMap<>(file.versions().size() * 2);
    for (SymbolVersion v : file.versions()) {
      versions.putIfAbsent(v.name(), v.crc());
    }
    return new ModuleFacts(file.modinfo(), file.exports(), file.undefinedSymbols(), versions,
        file.hasSignatureMarker(), signature);
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

  /** Whether the module has a {@code __versions} table at all. */
  public boolean hasVersions() {
    return !versions.isEmpty();
  }
}
