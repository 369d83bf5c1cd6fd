package dev.rdmaforge.kernel;

import java.util.Locale;
import java.util.Optional;

/**
 * A module parameter's type as {@code modinfo} records it ({@code parmtype=num_vfs:array of
 * byte}), and whether the kernel accepts a value for it ({@code kernel/params.c}). A parameter
 * declared with a custom setter has no parmtype; its type is {@link #UNKNOWN} and every value is
 * accepted.
 *
 * @param text the type as written in the module, e.g. {@code int}, {@code array of byte}
 */
public record ParameterType(String text) {
  /** A parameter whose type the module does not record. */
  public static final ParameterType UNKNOWN = new ParameterType("");

  /** The longest {@code charp} value ({@code param_set_charp}). */
  static final int MAX_CHARP = 1024;

  private static final String ARRAY = "array of ";

  /** True for {@code module_param_array} parameters: comma-separated values. */
  public boolean isArray() {
    return text.startsWith(ARRAY);
  }

  /** The type of one value: the element type of an array, else this type. */
  public String scalar() {
    return isArray() ? text.substring(ARRAY.length()) : text;
  }

  /** True for {@code bool}/{@code invbool}: the name alone (no {@code =value}) means true. */
  public boolean takesNoValue() {
    return !isArray() && (text.equals("bool") || text.equals("invbool"));
  }

  /**
   * What the kernel prints when it refuses {@code value} for parameter {@code name} (the module
   * then fails to load with EINVAL), or empty if it accepts it.
   *
   * @param value the text after {@code =}, or empty when the option is the bare name
   * @param arrayMax the array's capacity when known (the module's source), else 0
   */
  public Optional<String> refusal(String name, Optional<String> value, int arrayMax) {
    if (value.isEmpty()) {
      return takesNoValue() || text.isEmpty() ? Optional.empty()
          : Optional.of("`' invalid for parameter `" + name + "'");
    }
    String v = value.get();
    if (!isArray()) {
      if (scalar().equals("charp") && v.length() > MAX_CHARP) {
        return Optional.of("`" + v + "' too large for parameter `" + name + "'"); // -ENOSPC
      }
      return accepts(scalar(), v) ? Optional.empty()
          : Optional.of("`" + v + "' invalid for parameter `" + name + "'");
    }
    String[] items = v.split(",", -1);
    for (int i = 0; i < items.length; i++) {
      if (arrayMax > 0 && i == arrayMax) {
        return Optional.of(name + ": can only take " + arrayMax + " arguments");
      }
      if (!accepts(scalar(), items[i])) {
        return Optional.of("`" + v + "' invalid for parameter `" + name + "'");
      }
    }
    return Optional.empty();
  }

  private static boolean accepts(String type, String v) {
    switch (type) {
      case "byte":
        return KernelIntegers.parse(v, 8, false).isPresent();
      case "short":
        return KernelIntegers.parse(v, 16, true).isPresent();
      case "ushort":
        return KernelIntegers.parse(v, 16, false).isPresent();
      case "int":
        return KernelIntegers.parse(v, 32, true).isPresent();
      case "uint":
      case "hexint":
        return KernelIntegers.parse(v, 32, false).isPresent();
      case "long":
        return KernelIntegers.parse(v, 64, true).isPresent();
      case "ulong":
      case "ullong":
        return KernelIntegers.parse(v, 64, false).isPresent();
      case "bool":
      case "invbool":
        return kstrtobool(v).isPresent();
      case "charp":
        return v.length() <= MAX_CHARP;
      default:
        // string (its size is not recorded) and custom setters: the kernel decides at load time
        return true;
    }
  }

  /**
   * {@code kstrtobool}: the first character is one of YyTt1 (true) or NnFf0 (false), or o/O then
   * n/N (on) or f/F (off); empty when the kernel refuses the value.
   */
  public static Optional<Boolean> kstrtobool(String v) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    char c = v.charAt(0);
    if ("YyTt1".indexOf(c) >= 0) {
      return Optional.of(true);
    }
    if ("NnFf0".indexOf(c) >= 0) {
      return Optional.of(false);
    }
    if ((c == 'o' || c == 'O') && v.length() > 1) {
      char d = Character.toLowerCase(v.charAt(1));
      if (d == 'n') {
        return Optional.of(true);
      }
      if (d == 'f') {
        return Optional.of(false);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "(type not recorded)" : text.toLowerCase(Locale.ROOT);
  }
}
