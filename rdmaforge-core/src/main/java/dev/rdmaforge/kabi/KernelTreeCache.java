package dev.rdmaforge.kabi;

import dev.rdmaforge.io.Trees;
import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.VmlinuxExports;
import dev.rdmaforge.kernel.keys.KernelImage;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.pkg.AbsoluteSymlinks;
import dev.rdmaforge.pkg.Comparison;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.PathSelection;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Kernel packages extracted once and kept, per SHA-256 of the package file, under {@code
 * CACHE/kabi-kernels-v1/SHA256/}: {@code root/} (the package's lib/modules and boot), {@code
 * Module.symvers} (the exports read from its vmlinuz and module files, as the kernel's headers
 * would list them) and {@code kernel.properties} (release, version magic). An entry is built in a
 * temporary sibling and renamed into place, so a reader sees a whole entry or none; two runs
 * building the same entry at once both succeed and one rename wins.
 */
final class KernelTreeCache {
  static final String DIR = "kabi-kernels-v1";
  private static final PathSelection TREE =
      PathSelection.globs("lib/modules/**", "usr/lib/modules/**", "boot/**");

  private final Path cacheDir;

  KernelTreeCache(Path cacheDir) {
    this.cacheDir = cacheDir.resolve(DIR);
  }

  /** The directory composed roots are made in: the same file system as the trees (hard links). */
  Path workDir() throws IOException {
    return Files.createDirectories(cacheDir.resolve("work"));
  }

  /**
   * A cached kernel tree.
   *
   * @param dir the entry
   * @param release the kernel release
   * @param vermagic the version magic of the kernel's own modules, or null
   * @param rpmProvides the package's own {@code kernel(sym)} provides (RPM kernels), or empty
   */
  record Entry(Path dir, String release, String vermagic, List<PackageRelation> rpmProvides) {
    Path root() {
      return dir.resolve("root");
    }

    Path symvers() {
      return dir.resolve("Module.symvers");
    }
  }

  /**
   * The entry of {@code pkg}, extracting it the first time; {@code release} is the one the user
   * named, or null to read it from the package.
   */
  Entry entry(Path pkg, String release) {
    String sha = sha256(pkg);
    Path dir = cacheDir.resolve(sha);
    try {
      Files.createDirectories(cacheDir);
      if (!Files.isRegularFile(dir.resolve("kernel.properties"))) {
        build(pkg, release, dir);
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(dir.resolve("kernel.properties"))) {
        p.load(in);
      }
      String vermagic = p.getProperty("vermagic");
      String cached = p.getProperty("release");
      if (release != null && !release.equals(cached)) {
        throw new UserInputException(pkg + ": this kernel package is for " + cached + ", not "
            + release + "; give it as " + cached + "=" + pkg + " or without a release");
      }
      List<PackageRelation> provides = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("provides"), StandardCharsets.UTF_8)) {
        String[] parts = line.split(" = ", 2);
        provides.add(PackageRelation.of(parts[0], Comparison.EQUAL, parts[1]));
      }
      return new Entry(dir, cached, vermagic.isEmpty() ? null : vermagic, provides);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the kernel cache " + dir, e);
    }
  }

  private void build(Path pkg, String givenRelease, Path dir) throws IOException {
    Path tmp = Files.createTempDirectory(cacheDir, ".tmp-" + dir.getFileName() + "-");
    try {
      // One pass over the payload: the model of a DEB is built while it is extracted.
      PackageFile model = Packages.extract(ExtractionRequest.of(pkg, tmp.resolve("root"))
          .withSelection(TREE).withAbsoluteSymlinks(AbsoluteSymlinks.IMAGE)).pkg();
      String release = givenRelease != null ? givenRelease : KernelLoader.releaseOf(model);
      StringBuilder provides = new StringBuilder();
      for (PackageRelation r : model.provides()) {
        if (r.kind() == RelationKind.KERNEL_SYMBOL && r.comparison() == Comparison.EQUAL) {
          provides.append(r.name()).append(" = ").append(r.version()).append('\n');
        }
      }
      Files.writeString(tmp.resolve("provides"), provides, StandardCharsets.UTF_8);
      Path modules = modulesDir(tmp.resolve("root"), release);
      Path image = kernelImage(tmp.resolve("root"), release);
      if (image == null) {
        throw new UserInputException(pkg + ": no boot/vmlinuz-" + release + " or lib/modules/"
            + release + "/vmlinuz in the package: give the kernel image package (linux-image-"
            + release + ", kernel-core) or the kernel's Module.symvers as " + release + "=FILE");
      }
      Map<String, KernelExport> exports = new LinkedHashMap<>(VmlinuxExports.read(
          KernelImage.read(image)));
      TreeMap<String, Integer> magics = new TreeMap<>();
      for (KernelExport e : moduleExports(pkg, modules, magics)) {
        exports.putIfAbsent(e.name(), e);
      }
      StringBuilder symvers = new StringBuilder(exports.size() * 64);
      for (KernelExport e : exports.values()) {
        symvers.append(String.format("0x%08x", e.crc())).append('\t').append(e.name())
            .append('\t').append(e.module()).append('\t')
            .append(e.gplOnly() ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL").append('\t')
            .append(e.namespace()).append('\n');
      }
      Files.writeString(tmp.resolve("Module.symvers"), symvers, StandardCharsets.UTF_8);
      String vermagic = magics.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey).orElse("");
      Properties p = new Properties();
      p.setProperty("release", release);
      p.setProperty("vermagic", vermagic);
      p.setProperty("package", pkg.toAbsolutePath().toString());
      try (var out = Files.newOutputStream(tmp.resolve("kernel.properties"))) {
        p.store(out, "rdmaforge kabi: kernel package tree");
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException
          | AtomicMoveNotSupportedException e) {
        // Another run built the same entry first: keep that one.
        if (!Files.isRegularFile(dir.resolve("kernel.properties"))) {
          throw e;
        }
      }
    } finally {
      if (Files.exists(tmp)) {
        Trees.deleteQuietly(tmp);
      }
    }
  }

  /**
   * The exports of the kernel's own modules, with the module path as Module.symvers writes it
   * ({@code drivers/infiniband/core/ib_core}); counts the in-tree modules' version magics into
   * {@code magics}, to find the kernel's own (the most common).
   */
  private static List<KernelExport> moduleExports(Path pkg, Path modules,
      Map<String, Integer> magics) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(modules)) {
      files = walk.filter(p -> Files.isRegularFile(p)
          && ModuleReader.isModuleFileName(p.getFileName().toString())).sorted().toList();
    }
    Map<Path, ModuleFile> read = new HashMap<>();
    files.parallelStream().forEach(f -> {
      ModuleFile m;
      try {
        m = new ModuleReader().read(f);
      } catch (IOException e) {
        throw new UserInputException(pkg + ": module " + modules.relativize(f)
            + " cannot be read: " + e.getMessage() + "; the kernel package is damaged");
      }
      synchronized (read) {
        read.put(f, m);
      }
    });
    List<KernelExport> exports = new ArrayList<>();
    for (Path f : files) {
      ModuleFile m = read.get(f);
      String rel = modules.relativize(f).toString();
      String base = rel.substring(0, rel.indexOf(".ko"));
      String module = base.startsWith("kernel/") ? base.substring("kernel/".length()) : base;
      for (ExportedSymbol e : m.exports()) {
        exports.add(new KernelExport(e.name(), e.crc(), module, e.gplOnly(), ""));
      }
      if (rel.startsWith("kernel/") && "Y".equals(m.firstModinfo("intree").orElse(null))) {
        m.firstModinfo("vermagic").ifPresent(v -> magics.merge(v, 1, Integer::sum));
      }
    }
    return exports;
  }

  /** {@code lib/modules/RELEASE} or {@code usr/lib/modules/RELEASE} of an extracted tree. */
  static Path modulesDir(Path root, String release) {
    for (String prefix : List.of("lib/modules/", "usr/lib/modules/")) {
      Path dir = root.resolve(prefix + release);
      if (Files.isDirectory(dir) && !Files.isSymbolicLink(dir)) {
        return dir;
      }
    }
    throw new UserInputException(root + ": the kernel package has no lib/modules/" + release
        + "; give the package that ships the kernel's modules");
  }

  private static Path kernelImage(Path root, String release) {
    for (String c : List.of("boot/vmlinuz-" + release, "lib/modules/" + release + "/vmlinuz",
        "usr/lib/modules/" + release + "/vmlinuz")) {
      if (Files.isRegularFile(root.resolve(c))) {
        return root.resolve(c);
      }
    }
    return null;
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
