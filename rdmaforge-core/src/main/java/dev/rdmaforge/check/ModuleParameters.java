package dev.rdmaforge.check;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options modprobe passes to {@code init_module}, checked as Linux 6.1's {@code parse_args}
 * checks them against the module's parameters ({@code kernel/params.c}): words split by {@code
 * next_arg} (double quotes group), names compared with {@code -} equal to {@code _}, values parsed
 * by the setter of the parameter's type ({@code kstrtoint} with base 0, {@code kstrtobool}, ...).
 *
 * <p>The parameters and their types come from {@code .modinfo} ({@code parmtype=NAME:TYPE}). A
 * parameter with a type of its own ({@code module_param_cb}) or a string whose buffer size is not
 * recorded is accepted as the kernel's setter cannot be known. A name the module does not have is
 * ignored by the kernel with a warning; a value its setter refuses fails the whole load, after every
 * other check, with {@code Invalid argument}.
 */
final class ModuleParameters {
  /** {@code charp} values longer than this are refused with -ENOSPC (kernel/params.c). */
  private static final int CHARP_MAX = 1024;

  private ModuleParameters() {}

  /** What the kernel says about one word of the options. */
  enum Problem {
    /** {@code M: unknown parameter 'P' ignored}: a warning, the load goes on. */
    UNKNOWN,
    /** {@code M: `V' invalid for parameter `P'}: the load fails with -EINVAL. */
    INVALID,
    /** {@code M: `V' too large for parameter `P'}: the load fails with -ENOSPC. */
    TOO_LARGE
  }

  /**
   * One word the kernel complains about.
   *
   * @param name the parameter name as written
   * @param value the value, or null when the word has no {@code =}
   * @param problem what the kernel says
   */
  record Complaint(String name, String value, Problem problem) {

    /** Whether the kernel refuses the module for it. */
    boolean fatal() {
      return problem != Problem.UNKNOWN;
    }

    /** The kernel's message, without the module name prefix. */
    String kernelMessage() {
      String v = value == null ? "" : value;
      return switch (problem) {
        case UNKNOWN -> "unknown parameter '" + name + "' ignored";
        case INVALID -> "`" + v + "' invalid for parameter `" + name + "'";
        case TOO_LARGE -> "`" + v + "' too large for parameter `" + name + "'";
      };
    }
  }

  /**
   * The complaints about {@code options} for a module whose {@code parmtype} entries are {@code
   * parmtypes}, in the order the kernel prints them.
   */
  static List<Complaint> check(String options, List<String> parmtypes) {
    Map<String, String> types = new HashMap<>();
    for (String entry : parmtypes) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        types.putIfAbsent(underscores(entry.substring(0, colon)), entry.substring(colon + 1));
      }
    }
    List<Complaint> complaints = new ArrayList<>();
    for (String[] word : words(options)) {
      String name = word[0];
      String value = word[1];
      if (value == null && name.equals("--")) {
        break; // parse_args stops at "--"
      }
      String type = types.get(underscores(name));
      if (type == null) {
        if (!name.equals("dyndbg") && !name.equals("async_probe")) {
          complaints.add(new Complaint(name, value, Problem.UNKNOWN));
        }
        continue;
      }
      Problem p = validate(type, value);
      if (p != null) {
        complaints.add(new Complaint(name, value, p));
      }
    }
    return complaints;
  }

  /** Null when the kernel's setter for {@code type} takes {@code value}. */
  private static Problem validate(String type, String value) {
    if (type.startsWith("array of ")) {
      if (value == null) {
        return Problem.INVALID;
      }
      String element = type.substring("array of ".length());
      for (String v : value.split(",", -1)) {
        Problem p = validate(element, v);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    boolean noArgument = type.equals("bool") || type.equals("invbool");
    if (value == null && !noArgument) {
      return knownType(type) ? Problem.INVALID : null;
    }
    return switch (type) {
      case "bool", "invbool" -> value == null || isBool(value) ? null : Problem.INVALID;
      case "byte" -> unsignedFits(value, 8);
      case "short" -> signedFits(value, 16);
      case "ushort" -> unsignedFits(value, 16);
      case "int" -> signedFits(value, 32);
      case "uint", "hexint" -> unsignedFits(value, 32);
      case "long" -> signedFits(value, 64);
      case "ulong", "ullong" -> unsignedFits(value, 64);
      case "charp" -> value.length() > CHARP_MAX ? Problem.TOO_LARGE : null;
      default -> null; // "string" (buffer size unknown) and types of the module's own
    };
  }

  private static boolean knownType(String type) {
    return switch (type) {
      case "byte", "short", "ushort", "int", "uint", "hexint", "long", "ulong", "ullong",
          "charp" -> true;
      default -> false;
    };
  }

  private static boolean isBool(String v) {
    return kstrtobool(v) != null;
  }

  /**
   * kstrtobool: y/Y/1 true, n/N/0 false, on/off in any case; only the first characters count;
   * null when the kernel refuses the value.
   */
  static Boolean kstrtobool(String v) {
    if (v.isEmpty()) {
      return null;
    }
    char c = v.charAt(0);
    if ("yY1".indexOf(c) >= 0) {
      return true;
    }
    if ("nN0".indexOf(c) >= 0) {
      return false;
    }
    if ((c == 'o' || c == 'O') && v.length() > 1) {
      char d = v.charAt(1);
      if (d == 'n' || d == 'N') {
        return true;
      }
      if (d == 'f' || d == 'F') {
        return false;
      }
    }
    return null;
  }

  private static Problem signedFits(String v, int bits) {
    boolean negative = v.startsWith("-");
    BigInteger magnitude = parseUnsigned(negative ? v.substring(1) : v);
    if (magnitude == null) {
      return Problem.INVALID;
    }
    BigInteger value = negative ? magnitude.negate() : magnitude;
    BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
    return value.compareTo(max) > 0 || value.compareTo(min) < 0 ? Problem.INVALID : null;
  }

  private static Problem unsignedFits(String v, int bits) {
    BigInteger value = parseUnsigned(v);
    if (value == null) {
      return Problem.INVALID;
    }
    return value.bitLength() > bits ? Problem.INVALID : null;
  }

  /**
   * _kstrtoull with base 0: an optional {@code +}, then {@code 0x} hex, {@code 0} octal or
   * decimal digits, then at most one newline; null when the kernel would refuse it.
   */
  private static BigInteger parseUnsigned(String v) {
    String s = v.startsWith("+") ? v.substring(1) : v;
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    int radix = 10;
    if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
      radix = 16;
      s = s.substring(2);
    } else if (s.length() > 1 && s.startsWith("0")) {
      radix = 8;
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0) {
        return null;
      }
    }
    BigInteger value = new BigInteger(s, radix);
    return value.bitLength() > 64 ? null : value; // -ERANGE, printed as "invalid"
  }

  /** next_arg: {@code [name, value-or-null]} per word, quotes grouping and then dropped. */
  static List<String[]> words(String args) {
    List<String[]> words = new ArrayList<>();
    int i = skipSpaces(args, 0);
    while (i < args.length()) {
      int start = i;
      boolean quoted = args.charAt(i) == '"';
      boolean inQuote = quoted;
      if (quoted) {
        start++;
      }
      int equals = -1;
      int j = start;
      for (; j < args.length(); j++) {
        char c = args.charAt(j);
        if (Character.isWhitespace(c) && !inQuote) {
          break;
        }
        if (equals < 0 && c == '=') {
          equals = j;
        }
        if (c == '"') {
          inQuote = !inQuote;
        }
      }
      int end = j;
      if (end > start && args.charAt(end - 1) == '"' && (quoted || equals >= 0
          && equals + 1 < end && args.charAt(equals + 1) == '"')) {
        end--; // the closing quote is not part of the word
      }
      String name;
      String value;
      if (equals < 0) {
        name = args.substring(start, Math.max(start, end));
        value = null;
      } else {
        name = args.substring(start, equals);
        int valueStart = equals + 1;
        if (valueStart < args.length() && args.charAt(valueStart) == '"') {
          valueStart++;
        }
        value = args.substring(Math.min(valueStart, end), Math.max(valueStart, end));
      }
      words.add(new String[] {name, value});
      i = skipSpaces(args, j < args.length() ? j + 1 : j);
    }
    return words;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String underscores(String name) {
    return name.replace('-', '_');
  }
}
