package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A package version as the package states it: RPM's epoch, version and release (EVR), or a Debian
 * version {@code [epoch:]upstream[-revision]}. Rendered by {@link #toString()} the way {@code rpm
 * --qf '%{EVR}'} and {@code dpkg-deb -f PKG Version} print it.
 *
 * @param epoch the epoch when the package gives one (RPM's {@code EPOCH} tag; Debian's {@code N:})
 * @param version the version (RPM {@code VERSION}; Debian upstream version)
 * @param release the release (RPM {@code RELEASE}; Debian revision), empty when there is none
 */
public record PackageVersion(OptionalLong epoch, String version, String release) {

  /** Validates the parts: a version is required; epochs are never negative. */
  public PackageVersion {
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(release, "release");
    if (epoch.isPresent() && epoch.getAsLong() < 0) {
      throw new IllegalArgumentException("negative epoch " + epoch.getAsLong());
    }
  }

  /**
   * Parses a Debian version as dpkg does ({@code parseversion}): the epoch is the digits before the
   * first colon, the revision follows the last hyphen.
   *
   * @param where the file and field, for messages (e.g. {@code x.deb: control field Version})
   * @throws UserInputException when dpkg would refuse the version
   */
  public static PackageVersion parseDebian(String where, String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      throw invalid(where, text, "it is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        throw invalid(where, text, "it contains a space");
      }
    }
    OptionalLong epoch = OptionalLong.empty();
    String rest = value;
    int colon = value.indexOf(':');
    if (colon >= 0) {
      String digits = value.substring(0, colon);
      if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
          || digits.length() > 9) {
        throw invalid(where, text, "the epoch before ':' is not a number");
      }
      epoch = OptionalLong.of(Long.parseLong(digits));
      rest = value.substring(colon + 1);
    }
    String upstream = rest;
    String revision = "";
    int hyphen = rest.lastIndexOf('-');
    if (hyphen >= 0) {
      upstream = rest.substring(0, hyphen);
      revision = rest.substring(hyphen + 1);
      if (revision.isEmpty()) {
        throw invalid(where, text, "the revision after the last '-' is empty");
      }
    }
    if (upstream.isEmpty()) {
      throw invalid(where, text, "the upstream version is empty");
    }
    if (!Character.isDigit(upstream.charAt(0))) {
      throw invalid(where, text, "the upstream version does not start with a digit");
    }
    for (char c : upstream.toCharArray()) {
      if (!(Character.isLetterOrDigit(c) && c < 128) && ".+-~:".indexOf(c) < 0) {
        throw invalid(where, text, "the upstream version contains '" + c + "'");
      }
    }
    for (char c : revision.toCharArray()) {
      if (!(Character.isLetterOrDigit(c) && c < 128) && ".+~".indexOf(c) < 0) {
        throw invalid(where, text, "the revision contains '" + c + "'");
      }
    }
    return new PackageVersion(epoch, upstream, revision);
  }

  private static UserInputException invalid(String where, String text, String why) {
    return new UserInputException(where + ": '" + text + "' is not a Debian version (" + why
        + "): the package is damaged or not made by dpkg-deb; rebuild it with a valid Version");
  }

  /** {@code [epoch:]version[-release]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    epoch.ifPresent(e -> text.append(e).append(':'));
    text.append(version);
    if (!release.isEmpty()) {
      text.append('-').append(release);
    }
    return text.toString();
  }
}
