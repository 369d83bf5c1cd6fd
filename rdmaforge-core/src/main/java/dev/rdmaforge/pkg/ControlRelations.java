package dev.rdmaforge.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The relations of a Debian paragraph, read the way a DEB's own control file is read: a {@code
 * Packages} stanza of an apt repository carries the same Provides, Pre-Depends, Depends,
 * Conflicts and Breaks fields as the control file it was copied from, so both must give equal
 * {@link PackageRelation}s.
 */
public final class ControlRelations {
  private ControlRelations() {}

  /**
   * Provides, flattened.
   *
   * @param where the file and the word before the field name in messages, e.g. {@code Packages:
   *     line 12: field }
   */
  public static List<PackageRelation> provides(String where, ControlFields fields) {
    List<PackageRelation> provides = new ArrayList<>();
    for (List<PackageRelation> group : groups(where, fields, "Provides", false, Set.of())) {
      provides.addAll(group);
    }
    return provides;
  }

  /** Pre-Depends (qualified {@link RelationQualifier#PRE_DEPENDS}), then Depends. */
  public static List<Requirement> requires(String where, ControlFields fields) {
    List<Requirement> requires = new ArrayList<>();
    for (List<PackageRelation> group : groups(where, fields, "Pre-Depends", true,
        Set.of(RelationQualifier.PRE_DEPENDS))) {
      requires.add(new Requirement(group));
    }
    for (List<PackageRelation> group : groups(where, fields, "Depends", true, Set.of())) {
      requires.add(new Requirement(group));
    }
    return requires;
  }

  /** Conflicts, then Breaks, flattened. */
  public static List<PackageRelation> conflicts(String where, ControlFields fields) {
    List<PackageRelation> conflicts = new ArrayList<>();
    for (String field : List.of("Conflicts", "Breaks")) {
      for (List<PackageRelation> group : groups(where, fields, field, false, Set.of())) {
        conflicts.addAll(group);
      }
    }
    return conflicts;
  }

  private static List<List<PackageRelation>> groups(String where, ControlFields fields,
      String field, boolean alternatives, Set<RelationQualifier> qualifiers) {
    Optional<String> value = fields.get(field);
    return value.isEmpty() ? List.of()
        : DebRelations.parse(where + field, value.get(), alternatives, qualifiers);
  }
}
