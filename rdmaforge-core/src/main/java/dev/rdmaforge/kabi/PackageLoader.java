package dev.rdmaforge.kabi;

import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.pkg.AbsoluteSymlinks;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.PathSelection;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reads the kmod packages of a run: every package that ships a module file below {@code
 * lib/modules/RELEASE/} (kernel packages, which also ship a vmlinuz, and packages without modules
 * are left out), with its module files and its depmod.d and modprobe.d files extracted into a work
 * directory and the modules parsed once.
 */
final class PackageLoader {
  static final Pattern MODULE_PATH =
      Pattern.compile("(?:usr/)?lib/modules/([^/]+)/(.+\\.ko(?:\\.(?:xz|zst|gz))?)");
  private static final Pattern CONFIG_PATH = Pattern.compile(
      "(?:etc|run|lib|usr/lib|usr/local/lib)/(?:depmod|modprobe)\\.d/[^/]+");
  private static final Pattern KERNEL_IMAGE =
      Pattern.compile("boot/vmlinuz-.+|(?:usr/)?lib/modules/[^/]+/vmlinuz");

  private PackageLoader() {}

  /** The kmod packages among {@code files}, in input order, extracted below {@code work}. */
  static List<KabiPackage> load(List<Path> files, Path work) {
    List<KabiPackage> loaded = IntStream.range(0, files.size()).parallel()
        .mapToObj(i -> read(files.get(i), work.resolve("pkg-" + i)))
        .toList();
    List<KabiPackage> kmods = new ArrayList<>();
    for (KabiPackage p : loaded) {
      if (p != null) {
        kmods.add(p);
      }
    }
    return labelled(kmods);
  }

  private static KabiPackage read(Path file, Path out) {
    PackageFile pkg = Packages.read(file);
    boolean hasModule = false;
    for (PackagedFile f : pkg.files()) {
      if (KERNEL_IMAGE.matcher(f.path()).matches()) {
        return null; // a kernel package: a column, not a row
      }
      hasModule |= f.type() == FileType.FILE && !f.ghost()
          && MODULE_PATH.matcher(f.path()).matches();
    }
    if (!hasModule) {
      return null;
    }
    Packages.extract(ExtractionRequest.of(file, out).withSelection(PathSelection.moduleFiles())
        .withAbsoluteSymlinks(AbsoluteSymlinks.IMAGE));
    List<PackagedModule> modules = new ArrayList<>();
    List<KabiPackage.ConfigFile> configs = new ArrayList<>();
    TreeSet<String> releases = new TreeSet<>();
    ModuleReader reader = new ModuleReader();
    for (PackagedFile f : pkg.files()) {
      if (f.type() != FileType.FILE || f.ghost()) {
        continue;
      }
      Matcher m = MODULE_PATH.matcher(f.path());
      if (m.matches()) {
        Path extracted = out.resolve(f.path());
        ModuleFile facts;
        try {
          facts = reader.read(extracted);
        } catch (IOException e) {
          throw new UserInputException(file + ": " + f.path() + " is not a module the kernel can"
              + " read (" + e.getMessage() + "); rebuild the package");
        }
        String name = facts.name().replace('-', '_');
        modules.add(new PackagedModule(name, f.path(), m.group(1), m.group(2), extracted, facts));
        releases.add(m.group(1));
      } else if (CONFIG_PATH.matcher(f.path()).matches()) {
        configs.add(new KabiPackage.ConfigFile(f.path(), out.resolve(f.path())));
      }
    }
    String builtFor = releases.size() == 1 ? releases.first() : null;
    return new KabiPackage(file, pkg.label(), pkg, builtFor, modules, configs);
  }

  /** Makes labels unique: {@code @RELEASE}, then {@code #N}, appended to shared ones. */
  private static List<KabiPackage> labelled(List<KabiPackage> packages) {
    Map<String, Integer> counts = new HashMap<>();
    packages.forEach(p -> counts.merge(p.label(), 1, Integer::sum));
    List<KabiPackage> first = new ArrayList<>();
    for (KabiPackage p : packages) {
      String label = counts.get(p.label()) > 1 ? p.label() + "@" + p.builtFor() : p.label();
      first.add(new KabiPackage(p.file(), label, p.pkg(), p.builtFor(), p.modules(),
          p.configFiles()));
    }
    Map<String, Integer> again = new HashMap<>();
    first.forEach(p -> again.merge(p.label(), 1, Integer::sum));
    Map<String, Integer> seen = new HashMap<>();
    List<KabiPackage> result = new ArrayList<>();
    for (KabiPackage p : first) {
      String label = p.label();
      if (again.get(label) > 1) {
        label = label + "#" + seen.merge(label, 1, Integer::sum);
      }
      result.add(new KabiPackage(p.file(), label, p.pkg(), p.builtFor(), p.modules(),
          p.configFiles()));
    }
    return result;
  }
}
