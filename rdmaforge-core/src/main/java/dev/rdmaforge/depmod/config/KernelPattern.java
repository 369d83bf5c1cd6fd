package dev.rdmaforge.depmod.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The kernel field of {@code override} and {@code external} lines: {@code *}, or an unanchored
 * POSIX extended regular expression matched against the kernel release (kmod calls
 * {@code regcomp(REG_EXTENDED|REG_NOSUB)} then {@code regexec}). A pattern that does not compile
 * matches nothing, as in kmod. So {@code 3.10.0-*} is not a glob: it matches any release that
 * contains {@code 3.10.0}.
 */
public final class KernelPattern {
  private KernelPattern() {}

  /** Whether {@code pattern} selects {@code kernelRelease} the way kmod 30 decides it. */
  public static boolean matches(String pattern, String kernelRelease) {
    if (pattern.equals("*")) {
      return true;
    }
    Pattern compiled = compile(pattern);
    return compiled != null && compiled.matcher(kernelRelease).find();
  }

  /** Translates a POSIX ERE to a Java pattern, or null when glibc's regcomp would reject it. */
  static Pattern compile(String ere) {
    String java = translate(ere);
    if (java == null) {
      return null;
    }
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  /**
   * Outside brackets ERE and Java agree on the operators kmod users write ({@code . * + ? | ()
   * {m,n} ^ $ \}), except that a leading or repeated quantifier is literal-or-error in ERE; inside
   * brackets POSIX treats the backslash literally, allows {@code ]} first, and has {@code
   * [:class:]}, so brackets are rewritten.
   */
  private static String translate(String ere) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = ere.length();
    boolean atStart = true; // where a quantifier would have nothing to repeat
    while (i < n) {
      char c = ere.charAt(i);
      if (c == '[') {
        int end = bracketEnd(ere, i);
        if (end < 0) {
          return null; // unmatched [ : regcomp fails
        }
        out.append(bracket(ere.substring(i + 1, end)));
        i = end + 1;
        atStart = false;
        continue;
      }
      if (c == '\\') {
        if (i + 1 >= n) {
          return null; // trailing backslash: regcomp fails
        }
        char next = ere.charAt(i + 1);
        if (Character.isLetterOrDigit(next)) {
          // GNU escapes like \w, \b and back-references differ; keep the common literal meaning
          // only for non-alphanumerics, and treat the rest as the literal letter.
          out.append(Pattern.quote(String.valueOf(next)));
        } else {
          out.append('\\').append(next);
        }
        i += 2;
        atStart = false;
        continue;
      }
      if ((c == '*' || c == '+' || c == '?') && atStart) {
        // glibc accepts a leading quantifier in ERE and treats it as a literal.
        out.append('\\').append(c);
        i++;
        continue;
      }
      if (c == '{' && atStart) {
        out.append("\\{");
        i++;
        continue;
      }
      out.append(c);
      atStart = c == '(' || c == '|' || c == '^';
      i++;
    }
    return out.toString();
  }

  /** Index of the ']' closing the bracket expression that starts at {@code open}, or -1. */
  private static int bracketEnd(String s, int open) {
    int i = open + 1;
    if (i < s.length() && s.charAt(i) == '^') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == ']') {
      i++; // a ']' first is literal
    }
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '[' && i + 1 < s.length() && ":.=".indexOf(s.charAt(i + 1)) >= 0) {
        char kind = s.charAt(i + 1);
        int close = s.indexOf(kind + "]", i + 2);
        if (close < 0) {
          return -1;
        }
        i = close + 2;
        continue;
      }
      if (c == ']') {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static String bracket(String body) {
    StringBuilder out = new StringBuilder("[");
    int i = 0;
    if (body.startsWith("^")) {
      out.append('^');
      i = 1;
    }
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '[' && i + 1 < body.length() && body.charAt(i + 1) == ':') {
        int close = body.indexOf(":]", i + 2);
        String name = body.substring(i + 2, close);
        out.append("\\p{").append(javaClass(name)).append('}');
        i = close + 2;
        continue;
      }
      if (c == '[' && i + 1 < body.length() && ".=".indexOf(body.charAt(i + 1)) >= 0) {
        char kind = body.charAt(i + 1);
        int close = body.indexOf(kind + "]", i + 2);
        out.append(Pattern.quote(body.substring(i + 2, close)).replace("\\Q", "").replace("\\E", ""));
        i = close + 2;
        continue;
      }
      if (c == '-' ) {
        out.append('-');
      } else if (Character.isLetterOrDigit(c)) {
        out.append(c);
      } else {
        out.append('\\').append(c); // literal inside POSIX brackets, including '\'
      }
      i++;
    }
    return out.append(']').toString();
  }

  private static String javaClass(String posix) {
    switch (posix) {
      case "alpha":
        return "Alpha";
      case "digit":
        return "Digit";
      case "alnum":
        return "Alnum";
      case "upper":
        return "Upper";
      case "lower":
        return "Lower";
      case "space":
        return "Space";
      case "blank":
        return "Blank";
      case "punct":
        return "Punct";
      case "xdigit":
        return "XDigit";
      case "cntrl":
        return "Cntrl";
      case "print":
        return "Print";
      case "graph":
        return "Graph";
      default:
        return "IsUnknownPosixClass"; // compile fails -> no match, as regcomp fails
    }
  }
}
