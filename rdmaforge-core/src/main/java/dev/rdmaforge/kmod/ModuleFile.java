package dev.rdmaforge.kmod;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kernel module file as libkmod sees it. Immutable and safe to share between threads; it keeps
 * no reference to the file's bytes except the small signature trailer.
 *
 * <p>Every list is in the order libkmod produces it. The files {@code depmod} writes depend on that
 * order, so do not sort them.
 */
public final class ModuleFile {
  private final Path path;
  private final String name;
  private final Compression compression;
  private final List<ModinfoEntry> modinfo;
  private final List<ExportedSymbol> exports;
  private final List<DependencySymbol> dependencySymbols;
  private final int undefinedCount;
  private final List<SymbolVersion> versions;
  private final SignatureTrailer signatureTrailer;
  private final boolean signatureMarker;
  private final boolean modinfoSection;
  private final long elfSize;
  private final long fileSize;
  private volatile Optional<ModuleSignature> signature;

  /** Holds what {@link ModuleReader} read; see the accessors for the meaning of each part. */
  ModuleFile(
      Path path,
      Compression compression,
      List<ModinfoEntry> modinfo,
      List<ExportedSymbol> exports,
      List<DependencySymbol> dependencySymbols,
      int undefinedCount,
      List<SymbolVersion> versions,
      SignatureTrailer signatureTrailer,
      boolean signatureMarker,
      boolean modinfoSection,
      long elfSize,
      long fileSize) {
    this.path = Objects.requireNonNull(path, "path");
    this.name = ModuleReader.moduleNameOf(path.toString());
    this.compression = Objects.requireNonNull(compression, "compression");
    this.modinfo = List.copyOf(modinfo);
    this.exports = List.copyOf(exports);
    this.dependencySymbols = List.copyOf(dependencySymbols);
    this.undefinedCount = undefinedCount;
    this.versions = List.copyOf(versions);
    this.signatureTrailer = signatureTrailer;
    this.signatureMarker = signatureMarker;
    this.modinfoSection = modinfoSection;
    this.elfSize = elfSize;
    this.fileSize = fileSize;
  }

  /** The file this was read from, as given to the reader. */
  public Path path() {
    return path;
  }

  /**
   * The module name kmod derives from the file name ({@link ModuleReader#moduleNameOf}), e.g.
   * {@code mlx5_core} for {@code mlx5-core.ko.zst}. This is the name depmod and modprobe use, not
   * the {@code name=} modinfo entry.
   */
  public String name() {
    return name;
  }

  /** How the file is compressed, as recognised from its first bytes. */
  public Compression compression() {
    return compression;
  }

  /**
   * All {@code .modinfo} entries in file order, repeated keys kept (every {@code alias=} is one
   * entry). Empty when the module has no {@code .modinfo} section. Unlike {@code modinfo} the tool,
   * this does not include the signature fields; see {@link #signature()}.
   */
  public List<ModinfoEntry> modinfo() {
    return modinfo;
  }

  /**
   * Whether the module has a {@code .modinfo} section at all. libkmod's {@code
   * kmod_module_get_info} fails without one (so {@code modinfo} then shows no signature either),
   * while an empty section gives an empty list.
   */
  public boolean hasModinfoSection() {
    return modinfoSection;
  }

  /** The values of every entry with this key, in file order, e.g. all {@code alias} values. */
  public List<String> modinfo(String key) {
    List<String> values = new ArrayList<>();
    for (ModinfoEntry entry : modinfo) {
      if (entry.key().equals(key)) {
        values.add(entry.value());
      }
    }
    return values;
  }

  /** The value of the first entry with this key, e.g. {@code vermagic}. */
  public Optional<String> firstModinfo(String key) {
    for (ModinfoEntry entry : modinfo) {
      if (entry.key().equals(key)) {
        return Optional.of(entry.value());
      }
    }
    return Optional.empty();
  }

  /**
   * The exported symbols exactly as libkmod's {@code kmod_module_get_symbols} lists them (what
   * depmod puts in {@code modules.symbols} and resolves dependencies against).
   */
  public List<ExportedSymbol> exports() {
    return exports;
  }

  /**
   * The symbols the module needs exactly as libkmod's {@code kmod_module_get_dependency_symbols}
   * lists them: the named undefined symbols, then the {@code __versions} entries none of them
   * matched ({@code module_layout} on 6.1). Empty when libkmod fails (no {@code .symtab}, say).
   */
  public List<DependencySymbol> dependencySymbols() {
    return dependencySymbols;
  }

  /**
   * The named undefined symbols of {@code .symtab}, in table order, each with its {@code
   * __versions} CRC (0 without an entry): the symbols the kernel resolves when it loads the module.
   * The first part of {@link #dependencySymbols()}; empty when libkmod could not read the table.
   */
  public List<DependencySymbol> undefinedSymbols() {
    return dependencySymbols.subList(0, undefinedCount);
  }

  /** The {@code __versions} table as {@code modprobe --dump-modversions} prints it. */
  public List<SymbolVersion> versions() {
    return versions;
  }

  /**
   * The appended signature as {@code modinfo} describes it, or empty when libkmod finds none. The
   * PKCS#7 message is decoded on the first call.
   */
  public Optional<ModuleSignature> signature() {
    Optional<ModuleSignature> result = signature;
    if (result == null) {
      result = signatureTrailer == null ? Optional.empty() : signatureTrailer.describe();
      signature = result;
    }
    return result;
  }

  /**
   * Whether the image ends with the marker {@code "~Module signature appended~\n"}. The kernel
   * looks for this marker first; a module can carry it and still have no {@link #signature()} that
   * libkmod can describe.
   */
  public boolean hasSignatureMarker() {
    return signatureMarker;
  }

  /** The size of the (decompressed) image in bytes, the signature included. */
  public long elfSize() {
    return elfSize;
  }

  /** The size of the file on disk (compressed size for {@code .ko.xz} / {@code .ko.zst}). */
  public long fileSize() {
    return fileSize;
  }

  @Override
  public String toString() {
    return "ModuleFile[" + path + ", " + name + ", " + compression + ", " + exports.size()
        + " exports, " + dependencySymbols.size() + " dependency symbols]";
  }
}
