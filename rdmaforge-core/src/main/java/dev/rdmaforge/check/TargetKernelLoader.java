package dev.rdmaforge.check;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.explain.BuiltinModules;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kernel.KernelConfig;
import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.SymversFile;
import dev.rdmaforge.kernel.Vermagic;
import dev.rdmaforge.kernel.VmlinuxExports;
import dev.rdmaforge.kernel.keys.KernelImage;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and reads what the target kernel brings: its exports (given, or found in the image), its
 * configuration, built-in modules, version magic and trusted keys.
 */
final class TargetKernelLoader {
  private TargetKernelLoader() {}

  /** The kernel's exports (the vmlinux lines of its symvers) and where they came from. */
  record Exports(Map<String, KernelExport> vmlinux, String source) {}

  /**
   * Reads the symvers file given or found in the image, or else the export tables of the kernel
   * image itself (a Debian image without linux-headers has no Module.symvers, but its vmlinuz
   * holds every export with its CRC); safe to run beside the resolution.
   */
  static Exports exports(CheckRequest request, TreeView view) {
    Path symversFile = request.symvers() != null ? request.symvers() : findSymvers(request, view);
    if (symversFile == null) {
      Path image = KernelImages.find(request, view);
      if (image == null) {
        throw noExports(request);
      }
      Map<String, KernelExport> vmlinux = VmlinuxExports.read(KernelImage.read(image));
      return new Exports(vmlinux, "exports: " + image + " (" + vmlinux.size()
          + " from the image's __ksymtab; no Module.symvers in the image)");
    }
    Map<String, KernelExport> all = SymversFile.read(symversFile);
    Map<String, KernelExport> vmlinux = new HashMap<>(all.size());
    for (KernelExport e : all.values()) {
      if (e.inVmlinux()) {
        vmlinux.put(e.name(), e);
      }
    }
    return new Exports(vmlinux, "exports: " + symversFile + " (" + vmlinux.size()
        + " from vmlinux)");
  }

  static TargetKernel load(CheckRequest request, TreeView view, Resolution resolution,
      Exports exports, SignatureChecker signatures, List<String> keySources) {
    String kver = request.kernelRelease();
    List<String> sources = new ArrayList<>();
    Map<String, KernelExport> vmlinux = exports.vmlinux();
    sources.add(exports.source());

    Optional<KernelConfig> config = findConfig(request, view);
    config.ifPresent(c -> sources.add("config: " + c.source()));
    boolean forced = config.map(c -> c.isEnabled("CONFIG_MODULE_SIG_FORCE")).orElse(false);
    boolean enforced = request.sigEnforce() || forced;
    sources.add("signatures: " + (request.sigEnforce() ? "enforced (--sig-enforce)"
        : forced ? "enforced (CONFIG_MODULE_SIG_FORCE=y)" : "not enforced"));
    // Without a config, assume what distribution kernels (Debian, Ubuntu) build with.
    boolean forceLoad = config.map(c -> c.isEnabled("CONFIG_MODULE_FORCE_LOAD")).orElse(true);

    Set<String> builtin = BuiltinModules.read(view, "/lib/modules/" + kver);
    String vermagic = vermagic(resolution, config, kver, sources);
    sources.addAll(keySources);
    return new TargetKernel(kver, vermagic, vmlinux, builtin, enforced, forceLoad, signatures,
        sources);
  }

  private static final List<String> SYMVERS_PLACES = List.of(
      "/usr/src/linux-headers-%s/Module.symvers",
      "/lib/modules/%s/build/Module.symvers",
      "/usr/src/kernels/%s/Module.symvers",
      "/boot/symvers-%s.gz");

  /** The first symvers file of the image, or null. */
  private static Path findSymvers(CheckRequest request, TreeView view) {
    for (String place : SYMVERS_PLACES) {
      try {
        Path p = view.physical(String.format(place, request.kernelRelease()));
        if (Files.isRegularFile(p)) {
          return p;
        }
      } catch (IOException e) {
        // not there; try the next place
      }
    }
    return null;
  }

  private static UserInputException noExports(CheckRequest request) {
    String kver = request.kernelRelease();
    List<String> looked = new ArrayList<>();
    for (String place : SYMVERS_PLACES) {
      looked.add(String.format(place, kver));
    }
    looked.add("/boot/vmlinuz-" + kver);
    return new UserInputException(request.root() + ": neither a Module.symvers nor the kernel"
        + " image for kernel " + kver + " in the image (looked for " + String.join(", ", looked)
        + "): install linux-image-" + kver + " or linux-headers-" + kver + " (Debian/Ubuntu),"
        + " kernel-core or kernel-devel-" + kver + " (RHEL) into the image, or pass --symvers FILE"
        + " or --kernel-image VMLINUZ");
  }

  private static Optional<KernelConfig> findConfig(CheckRequest request, TreeView view) {
    String kver = request.kernelRelease();
    for (String c : List.of("/boot/config-" + kver, "/usr/src/linux-headers-" + kver + "/.config",
        "/lib/modules/" + kver + "/build/.config")) {
      try {
        Path p = view.physical(c);
        if (Files.isRegularFile(p)) {
          return Optional.of(KernelConfig.read(p));
        }
      } catch (IOException e) {
        // not there
      }
    }
    if (request.symvers() != null) {
      Path beside = request.symvers().toAbsolutePath().resolveSibling(".config");
      if (Files.isRegularFile(beside)) {
        return Optional.of(KernelConfig.read(beside));
      }
    }
    return Optional.empty();
  }

  /**
   * The kernel's version magic: the one most in-tree modules under {@code kernel/} carry (they are
   * built with the kernel), else one composed from the configuration as {@code
   * include/linux/vermagic.h} does.
   */
  private static String vermagic(Resolution resolution, Optional<KernelConfig> config,
      String kver, List<String> sources) {
    Map<String, Integer> counts = new HashMap<>();
    int seen = 0;
    for (DepmodModule m : resolution.modules()) {
      String rel = m.outputPath();
      if (!rel.startsWith("kernel/")) {
        continue;
      }
      String magic = null;
      boolean intree = false;
      for (ModinfoEntry e : m.modinfo()) {
        if (e.key().equals("vermagic") && magic == null) {
          magic = e.value();
        } else if (e.key().equals("intree") && e.value().equals("Y")) {
          intree = true;
        }
      }
      if (intree && magic != null && magic.startsWith(kver + " ")) {
        counts.merge(magic, 1, Integer::sum);
        if (++seen >= 64) {
          break;
        }
      }
    }
    if (!counts.isEmpty()) {
      String best = counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
      sources.add("vermagic: '" + best + "' (from the kernel's own modules)");
      return best;
    }
    if (config.isPresent()) {
      String magic = Vermagic.composed(kver, config.get());
      sources.add("vermagic: '" + magic + "' (composed from " + config.get().source() + ")");
      return magic;
    }
    throw new UserInputException("cannot tell kernel " + kver + "'s version magic: the image has"
        + " none of its in-tree modules under lib/modules/" + kver + "/kernel and no"
        + " boot/config-" + kver + "; install the kernel's own package (linux-image-" + kver
        + ") into the image");
  }
}
