package dev.rdmaforge.pkg;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One provide, requirement or conflict: a name, an optional version constraint and its
 * qualifiers. {@link #kind()} types the kernel-module capabilities ({@code kernel(sym) = 0xCRC},
 * {@code ksym(sym)}, {@code kmod(name.ko)}, {@code kernel-uname-r = KVER}), so callers never parse
 * names themselves.
 *
 * @param name the capability, e.g. {@code kernel(ib_register_device)}
 * @param comparison the version constraint; {@link Comparison#ANY} when there is no version
 * @param version the version compared with (RPM: {@code [E:]V[-R]}, Debian: a Debian version, or
 *     a CRC such as {@code 0x1f2e3d4c}); empty for ANY
 * @param qualifiers RPM sense flags beyond the comparison, or {@link
 *     RelationQualifier#PRE_DEPENDS}
 */
public record PackageRelation(
    String name, Comparison comparison, String version, Set<RelationQualifier> qualifiers) {

  /** Validates and freezes the parts; a version goes with a comparison and vice versa. */
  public PackageRelation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(version, "version");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty relation name");
    }
    if ((comparison == Comparison.ANY) != version.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": a version needs a comparison and a comparison a version");
    }
    EnumSet<RelationQualifier> copy = EnumSet.noneOf(RelationQualifier.class);
    copy.addAll(qualifiers);
    qualifiers = Collections.unmodifiableSet(copy);
  }

  /** A relation without version or qualifiers. */
  public static PackageRelation of(String name) {
    return new PackageRelation(name, Comparison.ANY, "", Set.of());
  }

  /** A relation with a version constraint and no qualifiers. */
  public static PackageRelation of(String name, Comparison comparison, String version) {
    return new PackageRelation(name, comparison, version, Set.of());
  }

  /** What the name stands for (see {@link RelationKind}). */
  public RelationKind kind() {
    if (name.startsWith("(")) {
      return RelationKind.RICH;
    }
    if (name.startsWith("/")) {
      return RelationKind.FILE;
    }
    if (name.equals("kernel-uname-r")) {
      return RelationKind.KERNEL_RELEASE;
    }
    if (argument("rpmlib(") != null) {
      return RelationKind.RPMLIB;
    }
    if (argument("kernel(") != null) {
      return RelationKind.KERNEL_SYMBOL;
    }
    if (argument("ksym(") != null) {
      return RelationKind.KSYM;
    }
    if (argument("kmod(") != null) {
      return RelationKind.KMOD;
    }
    return RelationKind.PACKAGE;
  }

  /**
   * The symbol of a {@code kernel(sym)} or {@code ksym(sym)} relation; SUSE's flavor prefix
   * ({@code ksym(default:sym)}) is dropped.
   */
  public Optional<String> symbol() {
    String inner = argument("kernel(");
    if (inner == null) {
      inner = argument("ksym(");
      if (inner != null) {
        inner = inner.substring(inner.indexOf(':') + 1);
      }
    }
    return Optional.ofNullable(inner).filter(s -> !s.isEmpty());
  }

  /**
   * The CRC a {@code kernel(sym) = 0xCRC} or {@code ksym(sym) = CRC} relation pins (hexadecimal,
   * with or without {@code 0x}); empty for other relations and for versions that are no CRC.
   */
  public OptionalLong symbolCrc() {
    if (symbol().isEmpty() || comparison != Comparison.EQUAL) {
      return OptionalLong.empty();
    }
    String hex = version.startsWith("0x") || version.startsWith("0X")
        ? version.substring(2) : version;
    if (hex.isEmpty() || hex.length() > 16) {
      return OptionalLong.empty();
    }
    for (char c : hex.toCharArray()) {
      if (Character.digit(c, 16) < 0) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(Long.parseUnsignedLong(hex, 16));
  }

  /** The module file name of a {@code kmod(name.ko)} relation, e.g. {@code mlx5_ib.ko}. */
  public Optional<String> moduleFileName() {
    return Optional.ofNullable(argument("kmod(")).filter(s -> !s.isEmpty());
  }

  /** The non-empty text between {@code prefix} and a final ')', or null for other names. */
  private String argument(String prefix) {
    if (name.startsWith(prefix) && name.endsWith(")") && name.length() > prefix.length() + 1) {
      return name.substring(prefix.length(), name.length() - 1);
    }
    return null;
  }

  /** {@code name} or {@code name OP version}, as {@code rpm -q --requires} prints it. */
  @Override
  public String toString() {
    return comparison == Comparison.ANY
        ? name : name + " " + comparison.rpmOperator() + " " + version;
  }
}
