package dev.rdmaforge.kabi;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import java.nio.file.Path;
import java.util.List;

/**
 * One row of the matrix: a kmod package.
 *
 * @param file the package file as given
 * @param label a name unique in the matrix: rpm's NEVRA or dpkg's {@code name_version_arch},
 *     with {@code @RELEASE} (and then {@code #N}) appended when two inputs share it
 * @param pkg what the package says about itself
 * @param builtFor the kernel release its modules are installed for, or null when they are for
 *     several
 * @param modules its module files, in package order
 * @param configFiles its depmod.d and modprobe.d files (package path, extracted file)
 */
public record KabiPackage(
    Path file, String label, PackageFile pkg, String builtFor, List<PackagedModule> modules,
    List<ConfigFile> configFiles) {

  /** A depmod.d or modprobe.d file a package ships. */
  public record ConfigFile(String packagePath, Path extracted) {}

  /** Freezes the lists. */
  public KabiPackage {
    modules = List.copyOf(modules);
    configFiles = List.copyOf(configFiles);
  }

  /** The package name. */
  public String name() {
    return pkg.name();
  }

  /** Whether it is an RPM (whose {@code kernel(sym)} requirements rpm checks). */
  public boolean isRpm() {
    return pkg.format() == PackageFormat.RPM;
  }
}
