package dev.rdmaforge.depmod;

/**
 * kmod's alias_normalize: '-' becomes '_' outside bracket expressions, a bracket expression is
 * copied as it is, and an unmatched bracket makes the alias unusable (null).
 */
public final class AliasNormalizer {
  private AliasNormalizer() {}

  /** The normalised alias, or null where kmod returns -EINVAL ("Unmatched bracket"). */
  public static String normalize(String alias) {
    StringBuilder out = new StringBuilder(alias.length());
    int n = Math.min(alias.length(), 4095); // PATH_MAX - 1
    for (int i = 0; i < n; i++) {
      char c = alias.charAt(i);
      switch (c) {
        case '-':
          out.append('_');
          break;
        case ']':
          return null;
        case '[':
          while (i < alias.length() && alias.charAt(i) != ']') {
            out.append(alias.charAt(i));
            i++;
          }
          if (i >= alias.length()) {
            return null;
          }
          out.append(']');
          break;
        case '\0':
          return out.toString();
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}
