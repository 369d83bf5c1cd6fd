package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackageVersion;
import java.util.List;
import java.util.OptionalLong;

/**
 * One {@code <package type="rpm">} of primary.xml.
 *
 * @param place {@code FILE:line:column} of the element
 */
record PrimaryEntry(
    String name,
    PackageVersion version,
    String arch,
    FileDigest checksum,
    String href,
    OptionalLong size,
    List<PackageRelation> provides,
    List<PackageRelation> requires,
    List<PackageRelation> conflicts,
    String place) {}
