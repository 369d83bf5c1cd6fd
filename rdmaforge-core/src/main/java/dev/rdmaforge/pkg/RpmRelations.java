package dev.rdmaforge.pkg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Provides, requires and conflicts of an RPM main header: NAME, FLAGS and VERSION triples. */
final class RpmRelations {
  private RpmRelations() {}

  static List<PackageRelation> read(
      Path file, RpmHeader header, int nameTag, int flagsTag, int versionTag) {
    List<String> names = header.strings(nameTag);
    long[] flags = header.numbers(flagsTag);
    List<String> versions = header.strings(versionTag);
    int n = names.size();
    if (header.has(flagsTag) && flags.length != n) {
      throw mismatch(file, header, flagsTag, flags.length, nameTag, n);
    }
    if (header.has(versionTag) && versions.size() != n) {
      throw mismatch(file, header, versionTag, versions.size(), nameTag, n);
    }
    List<PackageRelation> relations = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      int sense = flags.length == n ? (int) flags[i] : 0;
      String version = versions.size() == n ? versions.get(i) : "";
      Comparison comparison = Comparison.fromRpmFlags(sense);
      if (name.isEmpty() || comparison == null) {
        throw PackageProblems.atByte(file, header.dataOffset(nameTag), RpmTags.describe(nameTag)
            + "[" + i + "] '" + name + "' has " + (name.isEmpty() ? "an empty name"
            : "flags 0x" + Integer.toHexString(sense) + " that say both LESS and GREATER"),
            PackageProblems.DAMAGED);
      }
      // rpm ignores a version without a comparison and prints no operator without a version.
      if (version.isEmpty() || comparison == Comparison.ANY) {
        comparison = Comparison.ANY;
        version = "";
      }
      relations.add(new PackageRelation(
          name, comparison, version, RelationQualifier.fromRpmFlags(sense)));
    }
    return relations;
  }

  private static RuntimeException mismatch(
      Path file, RpmHeader header, int tag, int count, int nameTag, int n) {
    return PackageProblems.atByte(file, header.dataOffset(tag), RpmTags.describe(tag) + " has "
        + count + " values, but " + RpmTags.describe(nameTag) + " has " + n,
        PackageProblems.DAMAGED);
  }
}
