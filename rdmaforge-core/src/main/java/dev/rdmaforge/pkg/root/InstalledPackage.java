package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.PackageFile;
import java.util.List;
import java.util.Objects;

/**
 * One package as laid out in a {@link PackageRoot}.
 *
 * @param pkg what the package says about itself (full file list and scripts)
 * @param laidOut the package paths written into the root (the selected part of its file list)
 */
public record InstalledPackage(PackageFile pkg, List<String> laidOut) {

  /** Requires the package; copies the list. */
  public InstalledPackage {
    Objects.requireNonNull(pkg, "pkg");
    laidOut = List.copyOf(laidOut);
  }

  /** The package's usual label ({@link PackageFile#label()}). */
  public String label() {
    return pkg.label();
  }
}
