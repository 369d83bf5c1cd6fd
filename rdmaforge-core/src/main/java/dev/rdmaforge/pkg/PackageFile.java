package dev.rdmaforge.pkg;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a package file says about itself, the same for RPM and DEB: identity, relations, file list
 * and scripts. Read it with {@link Packages#read(Path)}.
 *
 * @param source the package file
 * @param format RPM or DEB
 * @param name the package name (RPM {@code NAME}, Debian {@code Package})
 * @param version its version
 * @param arch its architecture (RPM {@code ARCH}, e.g. {@code x86_64}; Debian {@code
 *     Architecture}, e.g. {@code amd64}, {@code all})
 * @param provides what it provides, in the package's order (RPM {@code PROVIDENAME}; Debian
 *     {@code Provides}, without the implicit self-provide dpkg adds)
 * @param requires what it requires (RPM {@code REQUIRENAME}, rpmlib and scriptlet requirements
 *     included; Debian {@code Pre-Depends} then {@code Depends})
 * @param conflicts what it conflicts with (RPM {@code CONFLICTNAME}; Debian {@code Conflicts}
 *     then {@code Breaks})
 * @param files the file list, in the package's order (RPM header order; DEB data.tar order)
 * @param scripts the maintainer scripts it carries
 * @param compression how its payload is compressed
 */
public record PackageFile(
    Path source,
    PackageFormat format,
    String name,
    PackageVersion version,
    String arch,
    List<PackageRelation> provides,
    List<Requirement> requires,
    List<PackageRelation> conflicts,
    List<PackagedFile> files,
    List<PackageScript> scripts,
    PayloadCompression compression) {

  /** Requires every part and freezes the lists. */
  public PackageFile {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(compression, "compression");
    provides = List.copyOf(provides);
    requires = List.copyOf(requires);
    conflicts = List.copyOf(conflicts);
    files = List.copyOf(files);
    scripts = List.copyOf(scripts);
  }

  /** The entry installed at {@code path} (a package path, see {@link PackagedFile#path()}). */
  public Optional<PackagedFile> file(String path) {
    for (PackagedFile f : files) {
      if (f.path().equals(path)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The script run in {@code phase}, if the package has one. */
  public Optional<PackageScript> script(ScriptPhase phase) {
    return scripts.stream().filter(s -> s.phase() == phase).findFirst();
  }

  /**
   * The usual label: {@code name-[epoch:]version-release.arch} for RPM (rpm's NEVRA), {@code
   * name_version_arch} for DEB (dpkg's file name, epoch included).
   */
  public String label() {
    return format == PackageFormat.RPM
        ? name + "-" + version + "." + arch
        : name + "_" + version + "_" + arch;
  }
}
