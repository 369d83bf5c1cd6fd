package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.Comparison;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.pkg.RelationQualifier;
import dev.rdmaforge.report.UserInputException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * primary.xml's {@code <rpm:entry>} and {@code <version>} as rdmaforge's model. createrepo_c
 * splits the header's version text at the first {@code :} (epoch, {@code 0} when there is none)
 * and the first {@code -} after it; joined back with the epoch 0 left out, it is the text rpm
 * prints and {@link dev.rdmaforge.pkg.Packages#read} gives, for every header without an explicit
 * {@code 0:} epoch.
 */
final class YumRelations {
  private YumRelations() {}

  /** The {@code <rpm:entry>} the reader is at. */
  static PackageRelation entry(SafeXml.Reader xml) {
    String name = xml.required("name", "rpm:entry");
    String flags = xml.attribute("flags");
    Comparison comparison = flags == null ? Comparison.ANY : comparison(xml, flags);
    String version = evr(xml.attribute("epoch"), xml.attribute("ver"), xml.attribute("rel"));
    if (comparison == Comparison.ANY || version.isEmpty()) {
      // rpm ignores a version without a comparison and prints no operator without a version.
      comparison = Comparison.ANY;
      version = "";
    }
    String pre = xml.attribute("pre");
    Set<RelationQualifier> qualifiers = "1".equals(pre) || "true".equals(pre)
        ? Set.of(RelationQualifier.PREREQ) : Set.of();
    return new PackageRelation(name, comparison, version, qualifiers);
  }

  /** {@code [epoch:]ver[-rel]}, without an epoch of 0. */
  static String evr(String epoch, String ver, String rel) {
    StringBuilder text = new StringBuilder();
    if (epoch != null && !epoch.isEmpty() && !epoch.equals("0")) {
      text.append(epoch).append(':');
    }
    text.append(ver == null ? "" : ver);
    if (rel != null && !rel.isEmpty()) {
      text.append('-').append(rel);
    }
    return text.toString();
  }

  /** The package's {@code <version epoch ver rel>}. */
  static PackageVersion version(SafeXml.Reader xml) {
    String ver = xml.required("ver", "version");
    String epoch = xml.attribute("epoch");
    String rel = xml.attribute("rel");
    OptionalLong e = OptionalLong.empty();
    if (epoch != null && !epoch.isEmpty() && !epoch.equals("0")) {
      if (epoch.length() > 9 || !epoch.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new UserInputException(xml.here() + ": epoch '" + epoch + "' is not a number;"
            + " regenerate the metadata with createrepo_c");
      }
      e = OptionalLong.of(Long.parseLong(epoch));
    }
    return new PackageVersion(e, ver, rel == null ? "" : rel);
  }

  private static Comparison comparison(SafeXml.Reader xml, String flags) {
    switch (flags) {
      case "EQ":
        return Comparison.EQUAL;
      case "LT":
        return Comparison.LESS;
      case "LE":
        return Comparison.LESS_OR_EQUAL;
      case "GT":
        return Comparison.GREATER;
      case "GE":
        return Comparison.GREATER_OR_EQUAL;
      default:
        throw new UserInputException(xml.here() + ": flags=\"" + flags + "\" is none of EQ,"
            + " LT, LE, GT, GE; regenerate the metadata with createrepo_c");
    }
  }
}
