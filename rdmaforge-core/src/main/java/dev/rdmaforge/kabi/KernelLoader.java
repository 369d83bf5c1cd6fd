package dev.rdmaforge.kabi;

import dev.rdmaforge.kernel.KernelConfig;
import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.SymversFile;
import dev.rdmaforge.kernel.Vermagic;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns each {@code --kernels} argument into a {@link KabiKernel}. */
final class KernelLoader {
  private static final Pattern SYMVERS_GZ = Pattern.compile("symvers-(.+)\\.gz");
  private static final Pattern MODULE_PATH =
      Pattern.compile("(?:usr/)?lib/modules/([^/]+)/.+\\.ko(?:\\.(?:xz|zst|gz))?");

  private final KernelTreeCache cache;

  KernelLoader(KernelTreeCache cache) {
    this.cache = cache;
  }

  KabiKernel load(KernelInput input) {
    Path file = input.file();
    if (Files.isDirectory(file)) {
      return headers(input);
    }
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(file + ": no such file or directory; give a kernel package,"
          + " a Module.symvers, a symvers-RELEASE.gz or a kernel header tree with --kernels");
    }
    if (isPackage(file)) {
      return kernelPackage(input);
    }
    return symvers(input);
  }

  private static boolean isPackage(Path file) {
    byte[] head = new byte[8];
    try (var in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, head.length);
      // RPM lead magic ed ab ee db; a .deb is an ar archive ("!<arch>\n").
      return n >= 4 && ((head[0] & 0xff) == 0xed && (head[1] & 0xff) == 0xab
          && (head[2] & 0xff) == 0xee && (head[3] & 0xff) == 0xdb
          || n == 8 && new String(head, StandardCharsets.ISO_8859_1).equals("!<arch>\n"));
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage());
    }
  }

  private KabiKernel kernelPackage(KernelInput input) {
    KernelTreeCache.Entry entry = cache.entry(input.file(), input.release());
    String release = entry.release();
    Map<String, KernelExport> exports = SymversFile.read(entry.symvers());
    Set<String> modules = moduleNames(exports);
    List<PackageRelation> provides = entry.rpmProvides();
    KernelConfig config = config(entry.root().resolve("boot/config-" + release));
    String vermagic = entry.vermagic() != null ? entry.vermagic()
        : config != null ? Vermagic.composed(release, config) : null;
    List<String> limits = new ArrayList<>();
    if (vermagic == null) {
      limits.add("version magic unknown (no in-tree module and no boot/config): not compared");
    }
    limits.add("signatures checked against the keys built into the package's vmlinuz, not"
        + " enforced unless the kernel's configuration enforces them");
    return new KabiKernel(input.toString(), release, KernelKind.PACKAGE, exports, modules,
        vermagic, config == null || config.isEnabled("CONFIG_MODULE_FORCE_LOAD"), entry.root(),
        entry.symvers(), provides.isEmpty() ? null : provides, limits);
  }

  /** The release a kernel package is for: its vmlinuz, or the one module directory it fills. */
  static String releaseOf(PackageFile pkg) {
    Set<String> fromModules = new TreeSet<>();
    for (PackagedFile f : pkg.files()) {
      String p = f.path();
      if (p.startsWith("boot/vmlinuz-")) {
        return p.substring("boot/vmlinuz-".length());
      }
      Matcher m = Pattern.compile("(?:usr/)?lib/modules/([^/]+)/vmlinuz").matcher(p);
      if (m.matches()) {
        return m.group(1);
      }
      Matcher mm = MODULE_PATH.matcher(p);
      if (mm.matches()) {
        fromModules.add(mm.group(1));
      }
    }
    if (fromModules.size() == 1) {
      return fromModules.iterator().next();
    }
    throw new UserInputException(pkg.source() + ": cannot tell which kernel release this package"
        + " is (no boot/vmlinuz-RELEASE" + (fromModules.isEmpty() ? ", no modules"
            : ", modules for " + String.join(", ", fromModules)) + "); give it as RELEASE="
        + pkg.source());
  }

  private static KabiKernel symvers(KernelInput input) {
    Path file = input.file();
    String release = input.release();
    Path parent = file.toAbsolutePath().getParent();
    if (release == null) {
      Matcher m = SYMVERS_GZ.matcher(file.getFileName().toString());
      if (m.matches()) {
        release = m.group(1);
      } else if (treeRelease(parent) != null) {
        release = treeRelease(parent);
      } else {
        throw new UserInputException(file + ": a symvers file does not name its kernel release;"
            + " give it as RELEASE=" + file);
      }
    }
    Map<String, KernelExport> exports = SymversFile.read(file);
    KernelConfig config = config(parent.resolve(".config"));
    return fromSymvers(input, release, KernelKind.SYMVERS, exports, file, config);
  }

  private static KabiKernel headers(KernelInput input) {
    Path dir = input.file();
    Path symvers = dir.resolve("Module.symvers");
    if (!Files.isRegularFile(symvers)) {
      throw new UserInputException(dir + ": a header tree has Module.symvers; this directory has"
          + " none: give /usr/src/linux-headers-RELEASE (Debian) or /usr/src/kernels/RELEASE"
          + " (RHEL kernel-devel)");
    }
    String release = input.release();
    if (release == null) {
      release = treeRelease(dir);
      if (release == null) {
        throw new UserInputException(dir + ": no include/generated/utsrelease.h or"
            + " include/config/kernel.release in this header tree; give it as RELEASE=" + dir);
      }
    }
    return fromSymvers(input, release, KernelKind.HEADERS, SymversFile.read(symvers), symvers,
        config(dir.resolve(".config")));
  }

  private static KabiKernel fromSymvers(KernelInput input, String release, KernelKind kind,
      Map<String, KernelExport> exports, Path symvers, KernelConfig config) {
    List<String> limits = new ArrayList<>();
    limits.add("signatures not checked: a " + kind.id() + " input has no kernel image and keys");
    limits.add("the kernel's own modules are assumed to load; their files are not read");
    String vermagic = null;
    if (config != null) {
      vermagic = Vermagic.composed(release, config);
    } else {
      limits.add("version magic not compared: no .config beside the symvers");
    }
    return new KabiKernel(input.toString(), release, kind, exports, moduleNames(exports),
        vermagic, config == null || config.isEnabled("CONFIG_MODULE_FORCE_LOAD"), null, symvers,
        null, limits);
  }

  private static Set<String> moduleNames(Map<String, KernelExport> exports) {
    Set<String> names = new HashSet<>();
    for (KernelExport e : exports.values()) {
      if (!e.inVmlinux()) {
        String m = e.module();
        names.add(m.substring(m.lastIndexOf('/') + 1).replace('-', '_'));
      }
    }
    return names;
  }

  private static KernelConfig config(Path file) {
    return Files.isRegularFile(file) ? KernelConfig.read(file) : null;
  }

  private static final Pattern UTS_RELEASE =
      Pattern.compile("#define UTS_RELEASE \"([^\"\\s]+)\"");

  /**
   * A header tree's kernel release: {@code UTS_RELEASE} of include/generated/utsrelease.h (what
   * {@code uname -r} prints), else include/config/kernel.release; null when it has neither. Debian's
   * headers write only the upstream version ({@code 6.1.170}) into kernel.release, so the
   * generated header comes first.
   */
  static String treeRelease(Path dir) {
    Path uts = dir.resolve("include/generated/utsrelease.h");
    if (Files.isRegularFile(uts)) {
      try {
        Matcher m = UTS_RELEASE.matcher(Files.readString(uts, StandardCharsets.ISO_8859_1));
        if (m.find()) {
          return m.group(1);
        }
      } catch (IOException e) {
        throw new UserInputException(uts + ": cannot read: " + e.getMessage());
      }
    }
    Path file = dir.resolve("include/config/kernel.release");
    return Files.isRegularFile(file) ? readRelease(file) : null;
  }

  private static String readRelease(Path file) {
    try {
      String release = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (release.isEmpty() || release.contains(" ")) {
        throw new UserInputException(file + ":1: not a kernel release; give the kernel as"
            + " RELEASE=" + file.getParent().getParent().getParent());
      }
      return release;
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read: " + e.getMessage());
    }
  }
}
