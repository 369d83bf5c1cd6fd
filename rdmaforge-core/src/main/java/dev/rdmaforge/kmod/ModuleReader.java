package dev.rdmaforge.kmod;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads kernel module files ({@code .ko}, {@code .ko.xz}, {@code .ko.zst}) the way kmod 30's
 * libkmod reads them, so that tools built on it (depmod, the load checker) see exactly what kmod
 * sees. Stateless and safe to use from many threads at once.
 *
 * <pre>{@code
 * ModuleFile ib = new ModuleReader().read(Path.of("/lib/modules/6.1.0-56-amd64/kernel/drivers/infiniband/core/ib_core.ko"));
 * ib.exports();            // ib_register_device with its CRC, ...
 * ib.modinfo("alias");     // rdma-netlink-subsys-4, ...
 * }</pre>
 *
 * <p>A file kmod rejects is rejected with a {@link ModuleFormatException} naming the byte offset,
 * the problem and what kmod itself does ({@link ModuleFormatException#kmodOutcome()}).
 */
public final class ModuleReader {
  /** glibc's {@code PATH_MAX}: libkmod's name buffer, so names are cut at PATH_MAX - 1. */
  private static final int PATH_MAX = 4096;
  /** Debian's kmod 30: {@code +ZSTD +XZ -ZLIB}, so {@code .ko.gz} is not a module there. */
  private static final List<String> MODULE_SUFFIXES = List.of(".ko", ".ko.xz", ".ko.zst");

  private final ModuleImageLoader.PlainAccess plainAccess;

  /** A reader that memory-maps plain {@code .ko} files. */
  public ModuleReader() {
    this(ModuleImageLoader.PlainAccess.MAP);
  }

  /** A reader with a chosen way to bring plain files into memory (for measurements). */
  ModuleReader(ModuleImageLoader.PlainAccess plainAccess) {
    this.plainAccess = Objects.requireNonNull(plainAccess, "plainAccess");
  }

  /**
   * Reads one module file. Compression is recognised from the first bytes, not the name.
   *
   * @param file the module file
   * @return everything libkmod reads from it
   * @throws ModuleFormatException when kmod would reject the file (or abort on it)
   * @throws IOException when the file cannot be read at all (missing, no permission)
   */
  public ModuleFile read(Path file) throws IOException {
    ModuleImageLoader.LoadedImage loaded = ModuleImageLoader.load(file, plainAccess);
    try {
      return parse(file, loaded);
    } catch (InternalError e) {
      // The JVM reports a SIGBUS on a mapped file that shrank under us as an InternalError.
      throw new IOException(file + ": the file was truncated while it was being read (another"
          + " process is writing it): read it again once that process has finished", e);
    }
  }

  /**
   * Reads a module from bytes already in memory, for example a file inside a package that is not
   * unpacked to disk.
   *
   * @param file the name to report and to derive the module name from
   * @param content the file's bytes, compressed or not (not modified, not kept)
   * @return everything libkmod reads from it
   * @throws ModuleFormatException when kmod would reject the file (or abort on it)
   */
  public ModuleFile read(Path file, byte[] content) throws ModuleFormatException {
    return parse(file, ModuleImageLoader.fromBytes(file, content));
  }

  /**
   * The bytes the kernel receives for a module file: the decompressed image with its appended
   * signature, what modprobe hands to {@code init_module} after decompressing in user space (Debian
   * kernels have no in-kernel decompression). Plain files are memory-mapped, not copied.
   *
   * @param file the module file ({@code .ko}, {@code .ko.xz}, {@code .ko.zst})
   * @return a read-only buffer, position 0, limit = image size
   * @throws ModuleFormatException when the compressed data cannot be decompressed
   * @throws IOException when the file cannot be read at all
   */
  public static ByteBuffer loadImage(Path file) throws IOException {
    ModuleImageLoader.LoadedImage loaded =
        ModuleImageLoader.load(file, ModuleImageLoader.PlainAccess.MAP);
    return loaded.bytes().asReadOnlyBuffer();
  }

  private static ModuleFile parse(Path file, ModuleImageLoader.LoadedImage loaded)
      throws ModuleFormatException {
    ElfImage image = ElfImage.parse(loaded.bytes(), file, loaded.compression() != Compression.NONE);
    // The order of depmod's calls, so that the first assertion kmod would hit is the one reported.
    List<ExportedSymbol> exports = ExportedSymbolReader.read(image);
    List<ModinfoEntry> modinfo = StringSections.modinfo(image);
    DependencySymbolReader.Dependencies dependencies = DependencySymbolReader.read(image);
    List<SymbolVersion> versions = DependencySymbolReader.versions(image);
    SignatureTrailer trailer = SignatureTrailer.find(image);
    boolean marker = image.size() >= SignatureTrailer.MAGIC.length
        && image.startsWith(image.size() - SignatureTrailer.MAGIC.length, SignatureTrailer.MAGIC);
    boolean modinfoSection = image.findSection(".modinfo") != null;
    return new ModuleFile(file, loaded.compression(), modinfo, exports, dependencies.symbols(),
        dependencies.undefinedCount(), versions, trailer, marker, modinfoSection, image.size(),
        loaded.fileSize());
  }

  /**
   * Whether kmod 30 on Debian treats a file with this name as a module: the name ends with {@code
   * .ko}, {@code .ko.xz} or {@code .ko.zst} and is longer than that suffix. depmod applies this to
   * the base name, so pass the base name to decide as depmod does.
   */
  public static boolean isModuleFileName(String fileName) {
    for (String suffix : MODULE_SUFFIXES) {
      if (fileName.length() > suffix.length() && fileName.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The module name kmod derives from a path ({@code path_to_modname}): the part after the last
   * {@code '/'}, up to the first {@code '.'}, with every {@code '-'} replaced by {@code '_'} and at
   * most 4095 characters. {@code "kernel/drivers/net/mlx5-core.ko.zst"} gives {@code "mlx5_core"}.
   * A path ending in {@code '/'} has no name (kmod reports an error): the result is then empty.
   */
  public static String moduleNameOf(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    StringBuilder name = new StringBuilder(Math.min(base.length(), 64));
    for (int i = 0; i < base.length() && i < PATH_MAX - 1; i++) {
      char c = base.charAt(i);
      if (c == '.' || c == '\0') {
        break;
      }
      name.append(c == '-' ? '_' : c);
    }
    return name.toString();
  }
}
