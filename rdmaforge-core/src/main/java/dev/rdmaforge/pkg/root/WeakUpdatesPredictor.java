package dev.rdmaforge.pkg.root;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.SymversFile;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.pkg.PackageScript;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.Candidate;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.Decision;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.Provider;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.SymbolProblem;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Predicts the links RHEL's {@code weak-modules} makes in the target kernel's {@code weak-updates/}
 * when packages run it from their scripts (kmodtool's {@code %post}: {@code ... | weak-modules
 * --add-modules}; a kernel's {@code weak-modules --add-kernel}), and creates them in the root.
 *
 * <p>The rules are weak-modules' own: the modules listed are the package's module files (kmodtool
 * lists its {@code .ko} files below {@code lib/modules/HOME/extra/}); a module already below
 * {@code lib/modules/TARGET/} is skipped; the home kernel is the first word of the module's
 * vermagic; the link is {@code lib/modules/TARGET/weak-updates/} plus the module's path below
 * {@code lib/modules/HOME/DIR/} (its full path when it is not below its home kernel's tree), and
 * points at the module's absolute path. A link is kept only when {@link
 * WeakModulesCompatibility} says so. A module the target also has in its own {@code extra/} is
 * linked all the same (weak-modules only prints "update case?"); depmod's search order then
 * decides which one loads. Only the target kernel is predicted (weak-modules acts on every
 * installed kernel).
 */
final class WeakUpdatesPredictor {
  private static final Pattern BELOW_HOME = Pattern.compile("^(?:usr/)?lib/modules/([^/]+)/[^/]*/(.+)$");

  private final Path root;
  private final String target;
  private final TreeView view;

  WeakUpdatesPredictor(Path root, String target) {
    this.root = root;
    this.target = target;
    this.view = TreeView.chroot(root);
  }

  /** What the prediction made: the links, and notes on what it could not do. */
  record Prediction(List<WeakLink> links, List<String> notes) {}

  /** A module weak-modules is given, with the package that lists it. */
  record Listed(String path, String packageLabel) {}

  /** The modules weak-modules is given for the target, in package then file order. */
  static List<Listed> listed(List<InstalledPackage> packages, String target) {
    Map<String, Listed> listed = new LinkedHashMap<>();
    InstalledPackage kernel = packages.get(0);
    boolean addKernel = kernel.pkg().scripts().stream()
        .anyMatch(s -> ScriptEffects.addsWeakModules(s) && s.body().contains("--add-kernel"));
    for (InstalledPackage p : packages) {
      boolean addModules = false;
      for (PackageScript s : p.pkg().scripts()) {
        addModules |= ScriptEffects.addsWeakModules(s) && s.body().contains("--add-modules");
      }
      for (String path : p.laidOut()) {
        if (!isModule(path)) {
          continue;
        }
        String home = KernelReleases.release(path).orElse("");
        boolean otherExtra = !home.equals(target)
            && path.matches("(usr/)?lib/modules/[^/]+/extra/.+");
        if (addModules || (addKernel && otherExtra)) {
          listed.put(path, new Listed(path, p.label()));
        }
      }
    }
    return new ArrayList<>(listed.values());
  }

  /**
   * Decides and creates the links.
   *
   * @param listed the modules weak-modules is given
   * @param resolution the target's tree as depmod resolves it before any link
   * @param symvers the target's symvers on the host, or null to look in the root
   */
  Prediction predict(List<Listed> listed, Resolution resolution, Path symvers) {
    List<String> notes = new ArrayList<>();
    List<WeakLink> links = new ArrayList<>();
    if (listed.isEmpty()) {
      return new Prediction(links, notes);
    }
    List<Candidate> candidates = new ArrayList<>();
    Map<String, String[]> plan = new HashMap<>(); // path -> {home, link}
    Map<String, Listed> byPath = new HashMap<>();
    for (Listed l : listed) {
      if (l.path().startsWith("lib/modules/" + target + "/")
          || l.path().startsWith("usr/lib/modules/" + target + "/")) {
        continue; // weak-modules: "Module already installed to the current kernel"
      }
      ModuleFile module;
      try {
        module = new ModuleReader().read(view.physical("/" + l.path()));
      } catch (IOException | RuntimeException e) {
        notes.add(l.path() + " (" + l.packageLabel() + "): not predicted, the module cannot be"
            + " read: " + e.getMessage());
        continue;
      }
      String vermagic = module.firstModinfo("vermagic").orElse("").strip();
      if (vermagic.isEmpty()) {
        notes.add(l.path() + " (" + l.packageLabel() + "): not predicted, the module has no"
            + " vermagic, so weak-modules cannot tell its kernel");
        continue;
      }
      String home = vermagic.split("\\s+")[0];
      Matcher m = BELOW_HOME.matcher(l.path());
      String subpath = m.matches() && m.group(1).equals(home) ? m.group(2) : l.path();
      plan.put(l.path(), new String[] {home, "lib/modules/" + target + "/weak-updates/" + subpath});
      byPath.put(l.path(), l);
      candidates.add(new Candidate(l.path(), ModuleReader.moduleNameOf(l.path()),
          module.dependencySymbols(),
          module.exports()));
    }
    if (candidates.isEmpty()) {
      return new Prediction(links, notes);
    }
    Exports exports = exports(symvers);
    if (exports == null) {
      notes.add("no symvers for kernel " + target + " (looked for boot/symvers-" + target
          + ".gz and usr/src/*/Module.symvers in the root): weak-updates links are not predicted;"
          + " weak-modules itself skips a kernel without boot/symvers-" + target + ".gz. Give"
          + " the kernel's Module.symvers (--symvers) to predict them");
      for (Candidate c : candidates) {
        String[] p = plan.get(c.id());
        links.add(new WeakLink(c.id(), byPath.get(c.id()).packageLabel(), p[0], p[1],
            "/" + c.id(), false, "not predicted: no symvers for " + target, List.of()));
      }
      return new Prediction(links, notes);
    }
    List<Provider> providers = new ArrayList<>();
    for (DepmodModule m : resolution.modules()) {
      if (m.symbols() != null) {
        providers.add(new Provider(m.name(), m.symbols().exports()));
      }
    }
    for (Decision d : WeakModulesCompatibility.decide(exports.crcs(), providers, candidates)) {
      String path = d.candidate().id();
      String[] p = plan.get(path);
      Listed l = byPath.get(path);
      String reason;
      boolean created = false;
      if (d.compatible()) {
        reason = "compatible: every symbol it needs resolves in " + target + " with equal CRCs"
            + " (vmlinux, the kernel's modules or modules linked with it); weak-modules"
            + " --add-modules from " + l.packageLabel() + " links it" + exports.caveat();
        String own = "lib/modules/" + target + "/extra/" + p[1].substring(
            ("lib/modules/" + target + "/weak-updates/").length());
        if (Files.exists(root.resolve(own), LinkOption.NOFOLLOW_LINKS)) {
          reason += "; " + target + " has its own " + own + ": weak-modules links it all the same"
              + " ('update case?') and depmod's search order decides which one loads";
        }
        String refused = createLink(p[1], "/" + path);
        if (refused == null) {
          created = true;
        } else {
          reason = "not created: " + refused;
        }
      } else {
        List<String> texts = new ArrayList<>();
        for (SymbolProblem s : d.problems()) {
          texts.add(s.describe());
        }
        reason = "incompatible with " + target + " (weak-modules' depmod round " + d.round()
            + "): " + String.join("; ", texts) + exports.caveat();
      }
      links.add(new WeakLink(path, l.packageLabel(), p[0], p[1], "/" + path, created, reason,
          d.problems()));
    }
    return new Prediction(links, notes);
  }

  /** The target's vmlinux CRCs and where they came from. */
  private record Exports(Map<String, Long> crcs, String source, boolean weakModulesOwn) {
    String caveat() {
      return weakModulesOwn ? "" : " (exports from " + source + "; weak-modules reads"
          + " boot/symvers-KVER.gz, which RHEL's kernel-core ships)";
    }
  }

  private Exports exports(Path symvers) {
    Path file = symvers;
    String source = symvers == null ? null : symvers.toString();
    boolean own = false;
    if (file == null) {
      for (String c : List.of("/boot/symvers-" + target + ".gz",
          "/usr/src/linux-headers-" + target + "/Module.symvers",
          "/usr/src/kernels/" + target + "/Module.symvers")) {
        try {
          Path p = view.physical(c);
          if (Files.isRegularFile(p)) {
            file = p;
            source = c.substring(1);
            own = c.startsWith("/boot/");
            break;
          }
        } catch (IOException e) {
          // not there; the next place
        }
      }
    }
    if (file == null) {
      return null;
    }
    Map<String, Long> crcs = new HashMap<>();
    for (KernelExport e : SymversFile.read(file).values()) {
      if (e.inVmlinux()) {
        crcs.put(e.name(), e.crc());
      }
    }
    return new Exports(crcs, source, own);
  }

  /**
   * Creates {@code link} (a root path) pointing at {@code target}, as {@code mkdir -p; ln -sf};
   * returns why not when a component on the way is a symbolic link or a file (the link would be
   * written through it, perhaps out of the root), else null.
   */
  private String createLink(String link, String target) {
    String[] parts = link.split("/");
    Path dir = root;
    try {
      for (int i = 0; i < parts.length - 1; i++) {
        dir = dir.resolve(parts[i]);
        if (Files.isSymbolicLink(dir)) {
          return root.relativize(dir) + " is a symbolic link; rdmaforge does not write through it";
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(dir);
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          return root.relativize(dir) + " is not a directory";
        }
      }
      Path at = dir.resolve(parts[parts.length - 1]);
      if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        return link + " is a directory";
      }
      Files.deleteIfExists(at);
      Files.createSymbolicLink(at, Path.of(target));
      return null;
    } catch (IOException e) {
      throw new UserInputException(root + ": cannot create the weak-updates link " + link + ": "
          + e.getMessage() + "; check the output directory's permissions and free space", e);
    }
  }

  static boolean isModule(String path) {
    return (path.startsWith("lib/modules/") || path.startsWith("usr/lib/modules/"))
        && ModuleReader.isModuleFileName(path.substring(path.lastIndexOf('/') + 1));
  }
}
