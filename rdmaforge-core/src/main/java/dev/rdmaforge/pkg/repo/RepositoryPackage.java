package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.pkg.Requirement;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One package as a repository lists it, before its file is opened.
 *
 * <p>Relations from yum metadata are what createrepo_c copied from the header: {@code rpmlib()}
 * requirements, duplicates and requirements on the package's own files are left out, and the
 * sense flags are reduced to the comparison and {@code pre="1"} (any of PreReq, {@code
 * Requires(pre)}, {@code Requires(post)}), which becomes {@link
 * dev.rdmaforge.pkg.RelationQualifier#PREREQ}. An epoch of 0 is written as no epoch, as rpmbuild
 * writes it when the spec has none. Relations from apt metadata are the control file's.
 *
 * @param name the package name
 * @param version its version (yum: {@code epoch="0"} is no epoch)
 * @param arch its architecture
 * @param format RPM or DEB
 * @param file the package file, inside the repository's root
 * @param location the location as the metadata writes it (yum {@code location href}, apt {@code
 *     Filename}; a plain directory: the path relative to the root)
 * @param checksum the checksum the metadata gives (yum {@code checksum}, apt {@code SHA256}, else
 *     {@code MD5sum}); empty for a plain directory
 * @param size the size in bytes the metadata gives; empty for a plain directory
 * @param provides what it provides
 * @param requires what it requires
 * @param conflicts what it conflicts with (apt: Conflicts then Breaks)
 * @param files the file list when the metadata has one (yum's filelists)
 * @param group the subdirectory of an MLNX_OFED bundle's {@code RPMS/} or {@code DEBS/} it came
 *     from (e.g. {@code COMMON}, {@code MLNX_LIBS}); empty outside groups
 * @param listedIn the metadata file that lists it (a plain directory: the package file itself)
 */
public record RepositoryPackage(
    String name,
    PackageVersion version,
    String arch,
    PackageFormat format,
    Path file,
    String location,
    Optional<FileDigest> checksum,
    OptionalLong size,
    List<PackageRelation> provides,
    List<Requirement> requires,
    List<PackageRelation> conflicts,
    Optional<List<RepositoryFile>> files,
    String group,
    Path listedIn) {

  /** Requires every part and freezes the lists. */
  public RepositoryPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(listedIn, "listedIn");
    provides = List.copyOf(provides);
    requires = List.copyOf(requires);
    conflicts = List.copyOf(conflicts);
    files = files.map(List::copyOf);
  }

  /** The same package placed in {@code group} of a bundle. */
  public RepositoryPackage inGroup(String newGroup) {
    return new RepositoryPackage(name, version, arch, format, file, location, checksum, size,
        provides, requires, conflicts, files, newGroup, listedIn);
  }

  /**
   * The package file read (see {@link dev.rdmaforge.pkg.Packages#read}) after its size and
   * checksum are checked against the metadata and its real path against the repository root; its
   * name and architecture must be the listed ones.
   *
   * @throws dev.rdmaforge.report.UserInputException naming the metadata file, the package file,
   *     what was expected and what was found
   */
  public PackageFile read() {
    return PackageVerification.read(this);
  }

  /** {@code name-version.arch} (RPM) or {@code name_version_arch} (DEB). */
  public String label() {
    return format == PackageFormat.RPM
        ? name + "-" + version + "." + arch
        : name + "_" + version + "_" + arch;
  }
}
