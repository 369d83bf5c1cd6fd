package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.report.UserInputException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The kernel release a kernel package installs. Debian's {@code linux-image-RELEASE} names it and
 * ships {@code lib/modules/RELEASE/}; RHEL's {@code kernel-core} (and older {@code kernel})
 * provides {@code kernel-uname-r = RELEASE}. Otherwise the package must ship exactly one
 * {@code lib/modules/RELEASE/} directory.
 */
final class KernelReleases {
  private KernelReleases() {}

  static String of(PackageFile pkg) {
    TreeSet<String> dirs = moduleDirs(pkg);
    if (pkg.name().startsWith("linux-image-")) {
      String named = pkg.name().substring("linux-image-".length());
      if (dirs.contains(named)) {
        return named;
      }
    }
    for (PackageRelation p : pkg.provides()) {
      if (p.kind() == RelationKind.KERNEL_RELEASE && !p.version().isEmpty()) {
        return p.version();
      }
    }
    if (dirs.size() == 1) {
      return dirs.first();
    }
    throw new UserInputException(pkg.source() + ": " + pkg.label() + " is not a kernel package:"
        + (dirs.isEmpty() ? " it ships no lib/modules/RELEASE/ directory"
            : " it ships modules for " + String.join(", ", dirs))
        + " and provides no kernel-uname-r; give the kernel's own package (Debian linux-image-"
        + "RELEASE, RHEL kernel-core) with --kernel-package");
  }

  /** The RELEASE of every {@code lib/modules/RELEASE/} or {@code usr/lib/modules/RELEASE/}. */
  static TreeSet<String> moduleDirs(PackageFile pkg) {
    TreeSet<String> dirs = new TreeSet<>();
    for (PackagedFile f : pkg.files()) {
      release(f.path()).ifPresent(dirs::add);
    }
    return dirs;
  }

  /** The RELEASE of a path below {@code [usr/]lib/modules/RELEASE/}. */
  static Optional<String> release(String path) {
    String rest = path.startsWith("usr/lib/modules/") ? path.substring(16)
        : path.startsWith("lib/modules/") ? path.substring(12) : null;
    if (rest == null || rest.isEmpty()) {
      return Optional.empty();
    }
    int slash = rest.indexOf('/');
    return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
  }
}
