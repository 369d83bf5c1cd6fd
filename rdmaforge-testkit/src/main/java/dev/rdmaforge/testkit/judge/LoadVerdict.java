package dev.rdmaforge.testkit.judge;

import java.util.List;

/**
 * What the booted kernel did for one target.
 *
 * @param scenario the {@link JudgeScenario#id()}
 * @param module the module the target names: the target as given to modprobe, or the module its
 *     alias resolves to
 * @param file the path modprobe inserts for the target, relative to {@code lib/modules/KVER}
 *     ({@code updates/ib_core.ko}); null for a built-in module or one not found
 * @param verdict one of the constants of this record ({@link #LOADS}, ...)
 * @param symbols sorted: the symbols the kernel named for this module's own failure; empty for
 *     {@code loads}, {@code dependency-failed}, {@code vermagic-mismatch}, {@code
 *     signature-rejected}, {@code invalid-module} and {@code not-found}
 * @param blockedBy the module (the kernel's name, with underscores) whose insertion failed when it
 *     was not the target; null otherwise
 * @param taints sorted, from {@code /sys/module/M/taint} of the loaded target: E {@code unsigned},
 *     O {@code out-of-tree}, C {@code staging}, P {@code proprietary}, F {@code forced}, N {@code
 *     test}, any other letter kept as the letter; empty when not loaded
 */
public record LoadVerdict(
    String scenario,
    String module,
    String file,
    String verdict,
    List<String> symbols,
    String blockedBy,
    List<String> taints) {

  /** The module is live after modprobe (or built into the kernel). */
  public static final String LOADS = "loads";

  /** {@code M: disagrees about version of symbol S}, {@code module_layout} included. */
  public static final String SYMBOL_VERSION_MISMATCH = "symbol-version-mismatch";

  /** {@code M: Unknown symbol S (err -2)}. */
  public static final String UNKNOWN_SYMBOL = "unknown-symbol";

  /** {@code M: version magic '...' should be '...'}. */
  public static final String VERMAGIC_MISMATCH = "vermagic-mismatch";

  /** {@code Loading of ... is rejected}, or modprobe's {@code Key was rejected by service}. */
  public static final String SIGNATURE_REJECTED = "signature-rejected";

  /**
   * {@code Invalid ELF header ...} or {@code Module len N truncated}: no module the kernel reads.
   */
  public static final String INVALID_MODULE = "invalid-module";

  /**
   * {@code M: `V' invalid for parameter `P'} (or {@code too large}): an option the module's
   * parameter refuses; the kernel fails the load after every other check.
   */
  public static final String INVALID_PARAMETER = "invalid-parameter";

  /** {@code modprobe: FATAL: Module M not found in directory ...}. */
  public static final String NOT_FOUND = "not-found";

  /** A module modprobe inserted before the target failed; {@link #blockedBy()} names it. */
  public static final String DEPENDENCY_FAILED = "dependency-failed";

  /**
   * modprobe ran the module's {@code install} command instead of inserting it and the command
   * failed: {@code Error running install command '...' for module M: retcode N}.
   */
  public static final String INSTALL_COMMAND_FAILED = "install-command-failed";

  /**
   * modprobe succeeded, yet the module is neither live nor built in: a blacklisted alias, or an
   * install command that succeeds without loading it.
   */
  public static final String SKIPPED = "skipped";

  public LoadVerdict {
    symbols = List.copyOf(symbols);
    taints = List.copyOf(taints);
  }

  /** One line for failure messages: {@code s1 mlx5_ib: dependency-failed blocked_by=ib_core}. */
  public String describe() {
    StringBuilder line = new StringBuilder(scenario + " " + module + ": " + verdict);
    if (file != null) {
      line.append(" file=").append(file);
    }
    if (!symbols.isEmpty()) {
      line.append(" symbols=").append(symbols);
    }
    if (blockedBy != null) {
      line.append(" blocked_by=").append(blockedBy);
    }
    if (!taints.isEmpty()) {
      line.append(" taints=").append(taints);
    }
    return line.toString();
  }
}
