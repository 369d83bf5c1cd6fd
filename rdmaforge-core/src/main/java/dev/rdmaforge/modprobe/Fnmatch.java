package dev.rdmaforge.modprobe;

import java.util.Locale;

/**
 * glibc's {@code fnmatch(pattern, string, 0)} in the C locale, on one-char-per-byte strings: what
 * kmod uses for modprobe.d alias, install and softdep patterns and for the wildcard keys of
 * modules.alias.bin.
 *
 * <p>With flags 0 nothing is special about {@code /} or a leading {@code .}; {@code *} matches any
 * run, {@code ?} any one character, a backslash quotes the next character (a trailing backslash
 * never matches), and {@code [...]} is a bracket expression: {@code !} or {@code ^} negates, a
 * leading {@code ]} is literal, {@code a-z} ranges compare byte values, {@code [:alpha:]} and the
 * other POSIX classes are known. glibc's quirks are kept: an unterminated {@code [} is a literal
 * {@code [} only while nothing in it has matched yet, and a class name must consist of the letters
 * {@code a} to {@code y}. Equivalence classes ({@code [=a=]}) and collating symbols ({@code [.a.]})
 * are read as plain characters; no kmod configuration uses them.
 */
public final class Fnmatch {
  private static final int NO_MATCH = 1;
  private static final int MATCH = 0;

  private Fnmatch() {}

  /** True when {@code string} matches {@code pattern} as {@code fnmatch(pattern, string, 0)}. */
  public static boolean matches(String pattern, String string) {
    return match(pattern, 0, string, 0) == MATCH;
  }

  /** True when {@code s} holds a character that makes it a pattern rather than a plain name. */
  public static boolean hasWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  private static int match(String p, int pi, String n, int ni) {
    while (pi < p.length()) {
      char c = p.charAt(pi++);
      switch (c) {
        case '?':
          if (ni >= n.length()) {
            return NO_MATCH;
          }
          ni++;
          break;
        case '\\':
          if (pi >= p.length()) {
            return NO_MATCH;
          }
          c = p.charAt(pi++);
          if (ni >= n.length() || n.charAt(ni) != c) {
            return NO_MATCH;
          }
          ni++;
          break;
        case '*':
          return star(p, pi, n, ni);
        case '[':
          {
            if (ni >= n.length()) {
              return NO_MATCH;
            }
            int next = bracket(p, pi, n.charAt(ni));
            if (next == LITERAL_BRACKET) {
              if (n.charAt(ni) != '[') {
                return NO_MATCH;
              }
              ni++;
              break;
            }
            if (next < 0) {
              return NO_MATCH;
            }
            pi = next;
            ni++;
            break;
          }
        default:
          if (ni >= n.length() || n.charAt(ni) != c) {
            return NO_MATCH;
          }
          ni++;
      }
    }
    return ni == n.length() ? MATCH : NO_MATCH;
  }

  /** After a {@code *}: any following {@code ?}s take one character each; then try every split. */
  private static int star(String p, int pi, String n, int ni) {
    while (pi < p.length() && (p.charAt(pi) == '*' || p.charAt(pi) == '?')) {
      if (p.charAt(pi) == '?') {
        if (ni >= n.length()) {
          return NO_MATCH;
        }
        ni++;
      }
      pi++;
    }
    if (pi == p.length()) {
      return MATCH;
    }
    for (int k = ni; k <= n.length(); k++) {
      if (match(p, pi, n, k) == MATCH) {
        return MATCH;
      }
    }
    return NO_MATCH;
  }

  private static final int LITERAL_BRACKET = -2;

  /**
   * Matches {@code ch} against the bracket expression starting at {@code pi} (just after the {@code
   * [}), in glibc's order of reading. Returns the pattern index after the closing {@code ]} on a
   * match, -1 on no match, {@link #LITERAL_BRACKET} when the expression ends before its {@code ]}
   * with nothing matched (glibc then takes the {@code [} as an ordinary character).
   */
  private static int bracket(String p, int pi, char ch) {
    boolean not = at(p, pi) == '!' || at(p, pi) == '^';
    if (not) {
      pi++;
    }
    int c = at(p, pi++);
    while (true) {
      boolean ordinary;
      if (c == '\\') {
        if (at(p, pi) == 0) {
          return -1;
        }
        c = at(p, pi++);
        ordinary = true;
      } else if (c == '[' && at(p, pi) == ':') {
        int startp = pi;
        StringBuilder name = new StringBuilder();
        ordinary = false;
        while (true) {
          int k = at(p, ++pi);
          if (k == ':' && at(p, pi + 1) == ']') {
            pi += 2;
            break;
          }
          if (k < 'a' || k >= 'z') {
            ordinary = true; // cannot be a class name: an ordinary '['
            break;
          }
          name.append((char) k);
        }
        if (ordinary) {
          pi = startp;
          c = '[';
        } else {
          CharClass cls = CharClass.named(name.toString());
          if (cls == null) {
            return -1; // an unknown class name fails the whole pattern
          }
          if (cls.contains(ch)) {
            return skipRest(p, pi, not);
          }
          c = at(p, pi++);
        }
      } else if (c == 0) {
        return LITERAL_BRACKET;
      } else {
        ordinary = true;
      }
      if (ordinary) {
        boolean isRange = at(p, pi) == '-' && at(p, pi + 1) != 0 && at(p, pi + 1) != ']';
        if (!isRange && c == ch) {
          return skipRest(p, pi, not);
        }
        int cold = c;
        c = at(p, pi++);
        if (c == '-' && at(p, pi) != ']') {
          int cend = at(p, pi++);
          if (cend == '\\') {
            cend = at(p, pi++);
          }
          if (cend == 0) {
            return -1;
          }
          if (cold <= ch && ch <= cend) {
            return skipRest(p, pi, not);
          }
          c = at(p, pi++);
        }
      }
      if (c == ']') {
        break;
      }
    }
    return not ? pi : -1;
  }

  /** After a match inside the brackets: skip to the closing {@code ]}; unterminated loses. */
  private static int skipRest(String p, int pi, boolean not) {
    int c;
    while ((c = at(p, pi++)) != ']') {
      if (c == 0) {
        return -1;
      }
      if (c == '\\') {
        if (at(p, pi) == 0) {
          return -1;
        }
        pi++;
      } else if (c == '[' && at(p, pi) == ':') {
        int startp = pi;
        while (true) {
          int k = at(p, ++pi);
          if (at(p, pi) == ':' && at(p, pi + 1) == ']') {
            break;
          }
          if (k < 'a' || k >= 'z') {
            pi = startp - 2;
            break;
          }
        }
        pi += 2;
      }
    }
    return not ? -1 : pi;
  }

  /** The character at {@code i}, or 0 past the end (C's terminating NUL). */
  private static int at(String p, int i) {
    return i < p.length() ? p.charAt(i) : 0;
  }

  /** The POSIX character classes of the C locale. */
  private enum CharClass {
    ALNUM,
    ALPHA,
    BLANK,
    CNTRL,
    DIGIT,
    GRAPH,
    LOWER,
    PRINT,
    PUNCT,
    SPACE,
    UPPER,
    XDIGIT;

    static CharClass named(String name) {
      for (CharClass c : values()) {
        if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
          return c;
        }
      }
      return null;
    }

    boolean contains(char c) {
      boolean upper = c >= 'A' && c <= 'Z';
      boolean lower = c >= 'a' && c <= 'z';
      boolean digit = c >= '0' && c <= '9';
      boolean graph = c > 0x20 && c < 0x7f;
      switch (this) {
        case ALNUM:
          return upper || lower || digit;
        case ALPHA:
          return upper || lower;
        case BLANK:
          return c == ' ' || c == '\t';
        case CNTRL:
          return c < 0x20 || c == 0x7f;
        case DIGIT:
          return digit;
        case GRAPH:
          return graph;
        case LOWER:
          return lower;
        case PRINT:
          return graph || c == ' ';
        case PUNCT:
          return graph && !(upper || lower || digit);
        case SPACE:
          return c == ' ' || (c >= '\t' && c <= '\r');
        case UPPER:
          return upper;
        case XDIGIT:
          return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        default:
          return false;
      }
    }
  }
}
