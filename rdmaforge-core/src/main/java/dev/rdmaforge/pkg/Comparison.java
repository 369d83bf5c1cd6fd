package dev.rdmaforge.pkg;

/** How a relation constrains the other side's version; {@link #ANY} when it names no version. */
public enum Comparison {
  /** No version: any version satisfies it. */
  ANY("", ""),
  /** Strictly lower: RPM {@code <}, Debian {@code <<}. */
  LESS("<", "<<"),
  /** Lower or equal: {@code <=} (Debian's deprecated {@code <} means the same). */
  LESS_OR_EQUAL("<=", "<="),
  /** Exactly: {@code =}. */
  EQUAL("=", "="),
  /** Greater or equal: {@code >=} (Debian's deprecated {@code >} means the same). */
  GREATER_OR_EQUAL(">=", ">="),
  /** Strictly greater: RPM {@code >}, Debian {@code >>}. */
  GREATER(">", ">>");

  static final int RPMSENSE_LESS = 1 << 1;
  static final int RPMSENSE_GREATER = 1 << 2;
  static final int RPMSENSE_EQUAL = 1 << 3;

  private final String rpmOperator;
  private final String debianOperator;

  Comparison(String rpmOperator, String debianOperator) {
    this.rpmOperator = rpmOperator;
    this.debianOperator = debianOperator;
  }

  /** The operator as {@code rpm -q --requires} prints it, e.g. {@code <=}; empty for ANY. */
  public String rpmOperator() {
    return rpmOperator;
  }

  /** The operator as a Debian control field writes it, e.g. {@code >>}; empty for ANY. */
  public String debianOperator() {
    return debianOperator;
  }

  /**
   * The comparison encoded in RPM sense flags (bits LESS 0x2, GREATER 0x4, EQUAL 0x8), or null
   * when the flags name both LESS and GREATER, which no rpm writes.
   */
  static Comparison fromRpmFlags(int flags) {
    boolean less = (flags & RPMSENSE_LESS) != 0;
    boolean greater = (flags & RPMSENSE_GREATER) != 0;
    boolean equal = (flags & RPMSENSE_EQUAL) != 0;
    if (less && greater) {
      return null;
    }
    if (less) {
      return equal ? LESS_OR_EQUAL : LESS;
    }
    if (greater) {
      return equal ? GREATER_OR_EQUAL : GREATER;
    }
    return equal ? EQUAL : ANY;
  }

  /** The comparison of a Debian operator ({@code <<}, {@code <=}, ...), or null for none. */
  static Comparison fromDebian(String operator) {
    switch (operator) {
      case "<<":
        return LESS;
      case "<=":
      case "<":
        return LESS_OR_EQUAL;
      case "=":
        return EQUAL;
      case ">=":
      case ">":
        return GREATER_OR_EQUAL;
      case ">>":
        return GREATER;
      default:
        return null;
    }
  }
}
