package dev.rdmaforge.image;

import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.pkg.PackageFormat;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The image's own package databases, asked who owns a kernel image: dpkg's first when the image
 * has {@code var/lib/dpkg/status}, then rpm's when it has {@code var/lib/rpm} (a Debian image may
 * also hold packages installed with {@code rpm --root}). The host's databases are never asked.
 */
final class Owners {
  private final Optional<DpkgDatabase> dpkg;
  private final Optional<RpmDatabase> rpm;

  private Owners(Optional<DpkgDatabase> dpkg, Optional<RpmDatabase> rpm) {
    this.dpkg = dpkg;
    this.rpm = rpm;
  }

  /** The databases of the image at {@code root} (absolute), found through {@code view}. */
  static Owners of(Path root, TreeView view) {
    Optional<DpkgDatabase> dpkg = ImageKernels.existing(view, "/var/lib/dpkg/status", false)
        .map(status -> DpkgDatabase.read(status.getParent()));
    Optional<RpmDatabase> rpm = ImageKernels.existing(view, "/var/lib/rpm", true)
        .map(db -> new RpmDatabase(root, "/" + root.relativize(db)));
    return new Owners(dpkg, rpm);
  }

  /** The image's package manager: dpkg before rpm, as {@link ImageKernels#packageManager}. */
  Optional<PackageFormat> format() {
    if (dpkg.isPresent()) {
      return Optional.of(PackageFormat.DEB);
    }
    return rpm.isPresent() ? Optional.of(PackageFormat.RPM) : Optional.empty();
  }

  /** The installed package shipping {@code path} (absolute inside the image), if any. */
  Optional<KernelPackage> ownerOf(String path) {
    Optional<KernelPackage> owner = dpkg.flatMap(d -> d.ownerOfBootFile(path));
    return owner.isPresent() ? owner : rpm.flatMap(r -> r.owner(path));
  }
}
