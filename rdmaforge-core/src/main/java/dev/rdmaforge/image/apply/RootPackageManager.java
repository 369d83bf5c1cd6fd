package dev.rdmaforge.image.apply;

import dev.rdmaforge.pkg.PackageFormat;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image's own package manager, run against the root ({@code dpkg --root}, {@code rpm --root});
 * the host's package database is never read or written.
 */
interface RootPackageManager {
  /** The format it installs. */
  PackageFormat format();

  /** Installs (or upgrades to) the package files, scripts run inside the root. */
  void install(List<Path> files);

  /** Removes the packages completely (dpkg purges: the undo of an install leaves nothing). */
  void purge(Collection<String> names);

  /** Removes the packages (their configuration files kept, as the package manager keeps them). */
  void remove(Collection<String> names);

  /** The installed version of each of {@code names} that is installed. */
  Map<String, String> installed(Collection<String> names);

  /** The installed package owning {@code path} (as installed, e.g. {@code /lib/modules/...}). */
  Optional<String> owner(String path);

  /** The manager of the root's own database: dpkg when it has one, else rpm. */
  static RootPackageManager of(Path root, PackageFormat format) {
    return format == PackageFormat.DEB ? new DpkgRoot(root) : new RpmRoot(root);
  }
}
