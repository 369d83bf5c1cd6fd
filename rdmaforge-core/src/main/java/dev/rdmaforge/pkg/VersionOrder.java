package dev.rdmaforge.pkg;

import java.util.Comparator;
import java.util.OptionalLong;

/**
 * The order of package versions, as rpm and dpkg decide which of two builds is newer: rpm's
 * {@code rpmvercmp} (with {@code ~} sorting before anything, {@code ^} after the end, and the
 * epoch/version/release of {@code rpmverCmp}) and dpkg's {@code verrevcmp} (epoch, upstream
 * version, revision; {@code ~} sorts before everything, even the end). Results are negative, zero
 * or positive like {@link Comparator#compare}; only the sign means anything.
 */
public final class VersionOrder {
  private VersionOrder() {}

  /** The order of {@code format}'s versions: {@link #rpm} for RPM, {@link #debian} for DEB. */
  public static Comparator<PackageVersion> of(PackageFormat format) {
    return format == PackageFormat.RPM ? VersionOrder::rpm : VersionOrder::debian;
  }

  /**
   * rpm's order of two package versions: epoch (a missing epoch counts as 0), then version, then
   * release, each with {@link #rpmSegments}. An empty release counts as none, and a release beats
   * none, as {@code rpm.vercmp("1.0-1", "1.0")} says.
   */
  public static int rpm(PackageVersion a, PackageVersion b) {
    int rc = Long.compare(epoch(a.epoch()), epoch(b.epoch()));
    if (rc != 0) {
      return rc;
    }
    rc = rpmSegments(a.version(), b.version());
    if (rc != 0) {
      return rc;
    }
    boolean ra = !a.release().isEmpty();
    boolean rb = !b.release().isEmpty();
    if (ra && rb) {
      return rpmSegments(a.release(), b.release());
    }
    return Boolean.compare(ra, rb);
  }

  /**
   * rpm's order of two {@code [epoch:]version[-release]} strings, as {@code rpm.vercmp} parses and
   * compares them: the epoch is the leading digits before a {@code :}, the release follows the
   * last {@code -}.
   */
  public static int rpmEvr(String a, String b) {
    String[] ea = splitEvr(a);
    String[] eb = splitEvr(b);
    int rc = rpmSegments(ea[0] == null ? "0" : ea[0], eb[0] == null ? "0" : eb[0]);
    if (rc == 0) {
      rc = nullable(ea[1], eb[1]);
      if (rc == 0) {
        rc = nullable(ea[2], eb[2]);
      }
    }
    return rc;
  }

  private static int nullable(String a, String b) {
    if (a == null || b == null) {
      return Boolean.compare(a != null, b != null);
    }
    return rpmSegments(a, b);
  }

  /** epoch (null when absent), version, release (null when absent), as rpm's parseEVR. */
  private static String[] splitEvr(String evr) {
    int s = 0;
    while (s < evr.length() && isDigit(evr.charAt(s))) {
      s++;
    }
    int dash = evr.lastIndexOf('-');
    if (dash < s) {
      dash = -1;
    }
    String epoch = null;
    int versionStart = 0;
    if (s < evr.length() && evr.charAt(s) == ':') {
      epoch = s == 0 ? "0" : evr.substring(0, s);
      versionStart = s + 1;
    }
    String version = evr.substring(versionStart, dash < 0 ? evr.length() : dash);
    String release = dash < 0 ? null : evr.substring(dash + 1);
    return new String[] {epoch, version, release};
  }

  /**
   * rpm's {@code rpmvercmp} of one version or release string: alternating runs of digits
   * (compared as numbers, leading zeros ignored) and letters (compared as ASCII); other
   * characters only separate runs; a {@code ~} sorts before anything, even the end; a {@code ^}
   * sorts after the end but before anything else; a numeric run beats a letter run.
   */
  public static int rpmSegments(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while (i < a.length() && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && isSeparator(b.charAt(j))) {
        j++;
      }
      char ca = at(a, i);
      char cb = at(b, j);
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (ca == 0) {
          return -1;
        }
        if (cb == 0) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == 0 || cb == 0) {
        break;
      }
      boolean numeric = isDigit(ca);
      int endA = run(a, i, numeric);
      int endB = run(b, j, numeric);
      if (endB == j) {
        // The runs are of different kinds: a number is newer than letters.
        return numeric ? 1 : -1;
      }
      String segA = a.substring(i, endA);
      String segB = b.substring(j, endB);
      if (numeric) {
        segA = stripZeros(segA);
        segB = stripZeros(segB);
        if (segA.length() != segB.length()) {
          return segA.length() > segB.length() ? 1 : -1;
        }
      }
      int rc = segA.compareTo(segB);
      if (rc != 0) {
        return rc < 0 ? -1 : 1;
      }
      i = endA;
      j = endB;
    }
    boolean restA = i < a.length();
    boolean restB = j < b.length();
    if (!restA && !restB) {
      return 0;
    }
    return restA ? 1 : -1;
  }

  /**
   * dpkg's order of two package versions: epoch (missing = 0), upstream version, revision (a
   * missing revision is the empty string, which equals {@code 0}), each with {@link
   * #debianPart}.
   */
  public static int debian(PackageVersion a, PackageVersion b) {
    int rc = Long.compare(epoch(a.epoch()), epoch(b.epoch()));
    if (rc != 0) {
      return rc;
    }
    rc = debianPart(a.version(), b.version());
    return rc != 0 ? rc : debianPart(a.release(), b.release());
  }

  /** dpkg's order of two Debian version strings; they must be valid (see {@link
   * PackageVersion#parseDebian}). */
  public static int debianText(String a, String b) {
    return debian(PackageVersion.parseDebian("version", a),
        PackageVersion.parseDebian("version", b));
  }

  /**
   * dpkg's {@code verrevcmp} of one upstream version or revision: alternating non-digit parts
   * (compared character by character with letters before other characters and {@code ~} before
   * even the end) and digit parts (compared as numbers).
   */
  public static int debianPart(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a.charAt(i)))
          || (j < b.length() && !isDigit(b.charAt(j)))) {
        int oa = debianOrder(at(a, i));
        int ob = debianOrder(at(b, j));
        if (oa != ob) {
          return Integer.signum(oa - ob);
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }

  /** dpkg's weight of one character: the end and digits 0, letters first, {@code ~} lowest. */
  private static int debianOrder(char c) {
    if (c == 0 || isDigit(c)) {
      return 0;
    }
    if (isLetter(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static long epoch(OptionalLong epoch) {
    return epoch.orElse(0);
  }

  private static char at(String s, int i) {
    return i < s.length() ? s.charAt(i) : 0;
  }

  private static int run(String s, int from, boolean digits) {
    int end = from;
    while (end < s.length() && (digits ? isDigit(s.charAt(end)) : isLetter(s.charAt(end)))) {
      end++;
    }
    return end;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }

  /** rpm skips everything that is not an ASCII letter or digit, {@code ~} or {@code ^}. */
  private static boolean isSeparator(char c) {
    return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
