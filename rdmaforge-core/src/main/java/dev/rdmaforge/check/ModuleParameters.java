package dev.rdmaforge.check;

import dev.rdmaforge.kernel.ParameterType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options modprobe passes to {@code init_module}, checked as Linux 6.1's {@code parse_args}
 * checks them against the module's parameters ({@code kernel/params.c}): words split by {@code
 * next_arg} (double quotes group), names compared with {@code -} equal to {@code _}, values parsed
 * by the setter of the parameter's type ({@link ParameterType}: {@code kstrtoint} with base 0,
 * {@code kstrtobool}, ...).
 *
 * <p>The parameters and their types come from {@code .modinfo} ({@code parmtype=NAME:TYPE}). A
 * parameter with a type of its own ({@code module_param_cb}) or a string whose buffer size is not
 * recorded is accepted as the kernel's setter cannot be known. A name the module does not have is
 * ignored by the kernel with a warning; a value its setter refuses fails the whole load, after every
 * other check, with {@code Invalid argument}.
 */
final class ModuleParameters {
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
      Problem p = validate(name, type, value);
      if (p != null) {
        complaints.add(new Complaint(name, value, p));
      }
    }
    return complaints;
  }

  /** Null when the kernel's setter for {@code type} takes {@code value}. */
  private static Problem validate(String name, String type, String value) {
    ParameterType parameter = new ParameterType(type);
    if (parameter.refusal(name, Optional.ofNullable(value), 0).isEmpty()) {
      return null;
    }
    // param_set_charp alone answers -ENOSPC ("too large"); every other refusal is "invalid".
    boolean tooLong = !parameter.isArray() && parameter.scalar().equals("charp");
    return tooLong ? Problem.TOO_LARGE : Problem.INVALID;
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
