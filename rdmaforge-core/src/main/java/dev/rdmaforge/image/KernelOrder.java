package dev.rdmaforge.image;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.VersionOrder;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which of an image's kernels is newest: the owning packages' versions in the image's package
 * manager's order ({@link VersionOrder}: dpkg's for Debian, rpm's for RHEL), as dnf and apt rank
 * them; when either kernel has no owner, or both owners are equal (two flavours of one build),
 * the releases in that manager's order, as Debian's {@code linux-version sort} and RHEL's grubby
 * rank release strings. Images with no package database use dpkg's order of releases.
 */
final class KernelOrder {
  private KernelOrder() {}

  /** The order for an image whose package manager is {@code manager}. */
  static Comparator<ImageKernel> of(Optional<PackageFormat> manager) {
    boolean rpm = manager.equals(Optional.of(PackageFormat.RPM));
    Comparator<String> releases = rpm ? VersionOrder::rpmSegments : VersionOrder::debianPart;
    return (a, b) -> {
      if (a.owner().isPresent() && b.owner().isPresent()
          && a.owner().get().format() == b.owner().get().format()) {
        int rc = VersionOrder.of(a.owner().get().format())
            .compare(a.owner().get().version(), b.owner().get().version());
        if (rc != 0) {
          return rc;
        }
      }
      return releases.compare(a.release(), b.release());
    };
  }

  /** The order's name, for the note that says which kernel was chosen. */
  static String describe(Optional<PackageFormat> manager) {
    return manager.equals(Optional.of(PackageFormat.RPM))
        ? "rpm's version order of the kernel packages"
        : manager.isPresent()
            ? "dpkg's version order of the kernel packages"
            : "dpkg's version order of the releases (the image has no package database)";
  }
}
