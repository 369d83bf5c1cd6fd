package dev.rdmaforge.kabi;

/**
 * rpm's version comparison ({@code rpmvercmp} and the EVR split of {@code rpmdsCompare}), so that
 * a {@code kernel(sym) = 0xCRC} requirement meets a provide exactly when rpm says it does: rpm
 * compares the two CRC strings as versions, segment by segment (digits numerically, without
 * leading zeros; letters as strings), not as numbers.
 */
final class RpmVersions {
  private RpmVersions() {}

  /** Compares two {@code [E:]V[-R]} strings: negative, zero or positive. */
  static int compareEvr(String a, String b) {
    String[] x = split(a);
    String[] y = split(b);
    int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    if (c != 0) {
      return c;
    }
    c = vercmp(x[1], y[1]);
    if (c != 0 || x[2] == null || y[2] == null) {
      return c; // a missing release matches any release, as in rpm
    }
    return vercmp(x[2], y[2]);
  }

  private static String[] split(String evr) {
    String epoch = "0";
    int colon = evr.indexOf(':');
    if (colon > 0 && evr.substring(0, colon).chars().allMatch(Character::isDigit)) {
      epoch = evr.substring(0, colon);
      evr = evr.substring(colon + 1);
    }
    int dash = evr.lastIndexOf('-');
    return dash < 0 ? new String[] {epoch, evr, null}
        : new String[] {epoch, evr.substring(0, dash), evr.substring(dash + 1)};
  }

  /** {@code rpmvercmp}. */
  static int vercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while (i < a.length() && !isDigit(a.charAt(i)) && !isAlpha(a.charAt(i)) && a.charAt(i) != '~'
          && a.charAt(i) != '^') {
        i++;
      }
      while (j < b.length() && !isDigit(b.charAt(j)) && !isAlpha(b.charAt(j)) && b.charAt(j) != '~'
          && b.charAt(j) != '^') {
        j++;
      }
      boolean ta = i < a.length() && a.charAt(i) == '~';
      boolean tb = j < b.length() && b.charAt(j) == '~';
      if (ta || tb) {
        if (!ta) {
          return 1;
        }
        if (!tb) {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      boolean ca = i < a.length() && a.charAt(i) == '^';
      boolean cb = j < b.length() && b.charAt(j) == '^';
      if (ca || cb) {
        if (i >= a.length()) {
          return -1;
        }
        if (j >= b.length()) {
          return 1;
        }
        if (!ca) {
          return 1;
        }
        if (!cb) {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= a.length() || j >= b.length()) {
        break;
      }
      boolean numeric = isDigit(a.charAt(i));
      int si = i;
      int sj = j;
      while (i < a.length() && (numeric ? isDigit(a.charAt(i)) : isAlpha(a.charAt(i)))) {
        i++;
      }
      while (j < b.length() && (numeric ? isDigit(b.charAt(j)) : isAlpha(b.charAt(j)))) {
        j++;
      }
      String x = a.substring(si, i);
      String y = b.substring(sj, j);
      if (y.isEmpty()) {
        return numeric ? 1 : -1; // numeric segments are newer than alphabetic ones
      }
      if (numeric) {
        x = x.replaceFirst("^0+", "");
        y = y.replaceFirst("^0+", "");
        if (x.length() != y.length()) {
          return x.length() > y.length() ? 1 : -1;
        }
      }
      int c = x.compareTo(y);
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    if (i >= a.length() && j >= b.length()) {
      return 0;
    }
    return i >= a.length() ? -1 : 1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
