package dev.rdmaforge.pkg;

import java.util.List;

/**
 * One requirement: satisfied by any of its relations. RPM requirements have exactly one (a rich
 * dependency stays one relation of kind {@link RelationKind#RICH}); a Debian {@code a | b} has
 * two.
 *
 * @param anyOf the alternatives, at least one, in the package's order
 */
public record Requirement(List<PackageRelation> anyOf) {

  /** Freezes the list; a requirement has at least one relation. */
  public Requirement {
    anyOf = List.copyOf(anyOf);
    if (anyOf.isEmpty()) {
      throw new IllegalArgumentException("a requirement needs at least one relation");
    }
  }

  /** A requirement with a single relation. */
  public static Requirement of(PackageRelation relation) {
    return new Requirement(List.of(relation));
  }

  /** The first (for RPM the only) relation. */
  public PackageRelation first() {
    return anyOf.get(0);
  }

  /** The relations joined with {@code " | "}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (PackageRelation r : anyOf) {
      if (text.length() > 0) {
        text.append(" | ");
      }
      text.append(r);
    }
    return text.toString();
  }
}
