package dev.rdmaforge.image.apply;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageInputs;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.pkg.VersionOrder;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages of a stack that go into an image with kernel {@code release}: without a group,
 * every package shipping modules built for that kernel (below {@code lib/modules/RELEASE/}) and
 * what they depend on among the given packages; with a group (a meta package such as MLNX_OFED's
 * {@code mlnx-ofed-hypervisor}), that package and its dependencies among the given packages,
 * kernel packages always the build for {@code release}. Of several builds of one package for the
 * kernel the newest wins (the package format's version order).
 */
final class StackPackages {
  private StackPackages() {}

  /**
   * The selection.
   *
   * @param inputs repositories, bundles, directories or package files
   * @param format the image's package format; packages of the other format are left out
   */
  static Selection select(List<Path> inputs, PackageFormat format, String release,
      Optional<String> group) {
    List<PackageFile> all = new ArrayList<>();
    for (Path p : PackageInputs.expand(inputs)) {
      if (Packages.format(p) == format) {
        all.add(Packages.read(p));
      }
    }
    if (all.isEmpty()) {
      throw new UserInputException(inputs + ": no " + name(format) + " packages; the image uses "
          + name(format) + ", give the stack's " + name(format) + " build (output.format: "
          + name(format) + ")");
    }
    return choose(all, format, release, group, inputs.toString());
  }

  /** The selection among packages already read ({@code where} names them in messages). */
  static Selection choose(List<PackageFile> all, PackageFormat format, String release,
      Optional<String> group, String where) {
    Comparator<PackageFile> newest = Comparator.comparing(PackageFile::version,
        VersionOrder.of(format));
    Map<String, PackageFile> byName = new LinkedHashMap<>();
    Set<String> otherKernels = new TreeSet<>();
    for (PackageFile f : all) {
      Set<String> kernels = moduleKernels(f);
      if (!kernels.isEmpty() && !kernels.contains(release)) {
        otherKernels.addAll(kernels);
        continue; // built for another kernel: never the one to install
      }
      byName.merge(f.name(), f, (a, b) -> newest.compare(a, b) >= 0 ? a : b);
    }
    List<String> roots = new ArrayList<>();
    if (group.isPresent()) {
      if (!byName.containsKey(group.get())) {
        throw new UserInputException(where + ": no package " + group.get() + " (for kernel "
            + release + "); the group is a package of the repository, e.g. a meta package;"
            + " known: " + byName.keySet());
      }
      roots.add(group.get());
    } else {
      byName.values().stream().filter(f -> !moduleKernels(f).isEmpty())
          .forEach(f -> roots.add(f.name()));
    }
    if (roots.isEmpty()) {
      throw new ApplyFailure("the packages hold no kernel modules built for the image's kernel "
          + release + (otherKernels.isEmpty() ? "" : " (they are built for " + otherKernels
              + ")") + "; add " + release + " to the stack's kernels and run `rdmaforge build`");
    }
    List<PackageFile> chosen = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String n = todo.removeFirst();
      PackageFile f = byName.get(n);
      if (f == null || !seen.add(n)) {
        continue; // met by the image itself (its package manager decides)
      }
      chosen.add(f);
      for (Requirement r : f.requires()) {
        for (PackageRelation rel : r.anyOf()) {
          if (byName.containsKey(rel.name())) {
            todo.add(rel.name());
            break;
          }
        }
      }
    }
    chosen.sort(Comparator.comparing(PackageFile::name));
    return new Selection(chosen, otherKernels);
  }

  /** The kernel releases whose module directories {@code f} ships files in. */
  static Set<String> moduleKernels(PackageFile f) {
    Set<String> out = new TreeSet<>();
    for (PackagedFile file : f.files()) {
      String p = file.path().startsWith("/") ? file.path().substring(1) : file.path();
      for (String prefix : List.of("lib/modules/", "usr/lib/modules/")) {
        if (p.startsWith(prefix) && p.matches(".*\\.ko(\\.xz|\\.zst|\\.gz)?")) {
          String rest = p.substring(prefix.length());
          int slash = rest.indexOf('/');
          if (slash > 0) {
            out.add(rest.substring(0, slash));
          }
        }
      }
    }
    return out;
  }

  /** The module names {@code f} ships ({@code ofa-core.ko.xz} → {@code ofa_core}). */
  static Set<String> moduleNames(PackageFile f) {
    Set<String> out = new TreeSet<>();
    for (PackagedFile file : f.files()) {
      String base = file.path().substring(file.path().lastIndexOf('/') + 1);
      if (base.matches(".+\\.ko(\\.xz|\\.zst|\\.gz)?") && file.path().contains("lib/modules/")) {
        out.add(base.substring(0, base.indexOf(".ko")).replace('-', '_'));
      }
    }
    return out;
  }

  private static String name(PackageFormat f) {
    return f == PackageFormat.RPM ? "rpm" : "deb";
  }

  /**
   * What goes into the image.
   *
   * @param packages the package files, by name
   * @param otherKernels kernels the given packages were built for, besides the image's
   */
  record Selection(List<PackageFile> packages, Set<String> otherKernels) {
    Selection {
      packages = List.copyOf(packages);
      otherKernels = Set.copyOf(otherKernels);
    }

    /** Every module name the selection ships. */
    Set<String> moduleNames() {
      Set<String> out = new TreeSet<>();
      packages.forEach(p -> out.addAll(StackPackages.moduleNames(p)));
      return out;
    }
  }
}
