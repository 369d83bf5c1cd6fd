package dev.rdmaforge.depmod.index;

import java.util.Optional;

/**
 * kmod's name normalisations (shared/util.c), on one-char-per-byte strings. depmod applies {@link
 * #normalizeAlias} to every alias before it becomes a key of modules.alias.bin or
 * modules.builtin.alias.bin, and {@link #modnameFromPath} to every line of modules.builtin.
 */
public final class KmodNames {
  /** kmod's buffers are PATH_MAX bytes; the last one holds the NUL. */
  static final int PATH_MAX = 4096;

  private KmodNames() {}

  /**
   * kmod's {@code alias_normalize}: every {@code -} becomes {@code _} except inside a bracket
   * expression {@code [...]}, which is copied as it is. The result is cut at 4095 bytes as kmod's
   * buffer cuts it.
   *
   * @return the normalised alias, or empty when a {@code ]} has no opening {@code [} or a {@code
   *     [} is never closed (depmod then warns {@code Unmatched bracket in <alias>} and skips it)
   */
  public static Optional<String> normalizeAlias(String alias) {
    int n = alias.length();
    if (n < PATH_MAX - 1 && alias.indexOf('-') < 0 && alias.indexOf('[') < 0
        && alias.indexOf(']') < 0) {
      return Optional.of(alias); // nothing to change: most of the 26,000 aliases of a kernel
    }
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < PATH_MAX - 1 && i < n; i++) {
      char c = alias.charAt(i);
      switch (c) {
        case '-':
          out.append('_');
          break;
        case ']':
          return Optional.empty();
        case '[':
          while (i < n && alias.charAt(i) != ']') {
            out.append(alias.charAt(i));
            i++;
          }
          if (i == n) {
            return Optional.empty();
          }
          out.append(']');
          break;
        default:
          out.append(c);
      }
    }
    return Optional.of(out.toString());
  }

  /**
   * kmod's {@code modname_normalize}: the name up to the first {@code .}, with every {@code -}
   * turned into {@code _}, at most 4095 bytes.
   */
  public static String normalizeModname(String name) {
    StringBuilder out = new StringBuilder(Math.min(name.length(), PATH_MAX - 1));
    for (int i = 0; i < name.length() && i < PATH_MAX - 1; i++) {
      char c = name.charAt(i);
      if (c == '.') {
        break;
      }
      out.append(c == '-' ? '_' : c);
    }
    return out.toString();
  }

  /**
   * kmod's {@code path_to_modname}: the module name of a path such as {@code
   * kernel/drivers/net/foo-bar.ko.xz} ({@code foo_bar}), taken from what follows the last {@code
   * /}.
   *
   * @return empty when the path ends with {@code /} (kmod returns NULL then)
   */
  public static Optional<String> modnameFromPath(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    if (base.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(normalizeModname(base));
  }
}
