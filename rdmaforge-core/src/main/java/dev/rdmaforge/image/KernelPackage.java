package dev.rdmaforge.image;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageVersion;
import java.util.Objects;

/**
 * The installed package that owns a kernel image, as the image's own package database says.
 *
 * @param name the package name ({@code linux-image-6.1.0-56-amd64}, {@code kernel-core})
 * @param version its installed version, as {@code dpkg-query -W} or {@code rpm -q --qf
 *     '%{EVR}'} prints it
 * @param format the database that said so: {@link PackageFormat#DEB} for dpkg, {@link
 *     PackageFormat#RPM} for rpm
 */
public record KernelPackage(String name, PackageVersion version, PackageFormat format) {

  /** Requires every part. */
  public KernelPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(format, "format");
  }

  /** {@code name version}. */
  @Override
  public String toString() {
    return name + " " + version;
  }
}
