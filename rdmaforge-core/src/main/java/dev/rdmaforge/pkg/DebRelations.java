package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian relation fields (Depends, Pre-Depends, Provides, Conflicts, Breaks): comma-separated
 * groups of {@code |}-separated alternatives, each {@code name[:arch] [(op version)] [[archs]]
 * [<profiles>]}. Architecture qualifiers, architecture lists and build profiles are dropped: they
 * do not occur in the kernel-module packages rdmaforge reads, and installed binary packages never
 * carry the last two.
 */
final class DebRelations {
  private static final Pattern ITEM = Pattern.compile(
      "([^\\s(\\[<:|,]+)(?::([A-Za-z0-9-]+))?\\s*"
          + "(?:\\(\\s*(<<|<=|>=|>>|<|>|=)\\s*([^\\s)]+)\\s*\\))?\\s*"
          + "(?:\\[[^\\]]*\\]\\s*)?(?:<[^>]*>\\s*)*");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

  private DebRelations() {}

  /**
   * The groups of {@code value}.
   *
   * @param where the file and field for messages, e.g. {@code x.deb: control field Depends}
   * @param alternatives whether {@code |} is allowed (not in Provides)
   */
  static List<List<PackageRelation>> parse(String where, String value, boolean alternatives,
      Set<RelationQualifier> qualifiers) {
    List<List<PackageRelation>> groups = new ArrayList<>();
    String flat = value.replace('\n', ' ').strip();
    if (flat.isEmpty()) {
      return groups;
    }
    for (String group : flat.split(",", -1)) {
      if (group.isBlank()) {
        throw problem(where, value, "an empty entry between commas");
      }
      String[] items = group.split("\\|", -1);
      if (items.length > 1 && !alternatives) {
        throw problem(where, value, "alternatives ('|') are not allowed in this field");
      }
      List<PackageRelation> relations = new ArrayList<>();
      for (String item : items) {
        relations.add(item(where, value, item.strip(), qualifiers));
      }
      groups.add(relations);
    }
    return groups;
  }

  private static PackageRelation item(
      String where, String value, String item, Set<RelationQualifier> qualifiers) {
    Matcher m = ITEM.matcher(item);
    if (!m.matches()) {
      throw problem(where, value, "'" + item + "' is not 'name [(op version)]'");
    }
    String name = m.group(1);
    if (!NAME.matcher(name).matches()) {
      throw problem(where, value, "'" + name + "' is not a package name (lower-case letters,"
          + " digits, '+', '-', '.'; at least two characters)");
    }
    if (m.group(3) == null) {
      return new PackageRelation(name, Comparison.ANY, "", qualifiers);
    }
    PackageVersion.parseDebian(where, m.group(4));
    return new PackageRelation(
        name, Comparison.fromDebian(m.group(3)), m.group(4), qualifiers);
  }

  private static UserInputException problem(String where, String value, String why) {
    return new UserInputException(where + ": '" + value.replace('\n', ' ').strip() + "': " + why
        + "; dpkg refuses this field: fix the package's control file");
  }
}
