package dev.rdmaforge.build.plan;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle's packages grouped by source package, for the sources that ship kernel modules: RPMs
 * by their {@code SOURCERPM} tag, Debian packages by their {@code Source} field (the package's own
 * name when it has none, as dpkg-gencontrol leaves it out then).
 */
final class KernelPackageGroups {
  /** RPM's {@code SOURCERPM} header tag: the file name of the SRPM a package was built from. */
  static final int SOURCERPM = 1044;

  private KernelPackageGroups() {}

  /** Groups of {@code format}'s packages in bundle order; sources shipping no module are left out. */
  static List<KernelPackageGroup> of(Repository bundle, PackageFormat format) {
    Map<String, List<RepositoryPackage>> kmods = new LinkedHashMap<>();
    Map<String, List<RepositoryPackage>> others = new LinkedHashMap<>();
    Map<Path, PackageFile> contents = new HashMap<>();
    for (RepositoryPackage p : bundle.packages()) {
      if (p.format() != format) {
        continue;
      }
      PackageFile file = p.read();
      contents.put(p.file(), file);
      String source = format == PackageFormat.RPM
          ? Packages.readRpm(p.file()).header().string(SOURCERPM)
              .orElseThrow(() -> new UserInputException(p.file() + ": has no SOURCERPM tag, so"
                  + " its source package cannot be found; is it a binary RPM?"))
          : debSource(p);
      boolean kmod = file.files().stream().map(PackagedFile::path).anyMatch(
          KernelPackageGroups::isModule);
      (kmod ? kmods : others).computeIfAbsent(source, s -> new ArrayList<>()).add(p);
      kmods.computeIfAbsent(source, s -> new ArrayList<>());
    }
    List<KernelPackageGroup> out = new ArrayList<>();
    kmods.forEach((source, list) -> {
      if (!list.isEmpty()) {
        out.add(new KernelPackageGroup(format, source, list,
            others.getOrDefault(source, List.of()), contents));
      }
    });
    return out;
  }

  /** {@code Source: ofa-like (1.0-1)} → {@code ofa-like}; no field: the package's own name. */
  private static String debSource(RepositoryPackage p) {
    return Packages.readDeb(p.file()).control().get("Source")
        .map(v -> v.strip().split("[ (]", 2)[0])
        .filter(v -> !v.isEmpty())
        .orElse(p.name());
  }

  static boolean isModule(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return (p.startsWith("lib/modules/") || p.startsWith("usr/lib/modules/"))
        && p.matches(".*\\.ko(\\.xz|\\.zst|\\.gz)?");
  }
}
