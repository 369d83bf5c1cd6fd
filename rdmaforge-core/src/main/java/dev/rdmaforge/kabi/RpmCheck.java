package dev.rdmaforge.kabi;

import java.util.List;

/**
 * Whether RPM's own {@code kernel(sym) = 0xCRC} requirements of a package agree with the kernel:
 * what {@code rpm -i --test} decides when the kernel package provides {@code kernel(sym) = 0xCRC}
 * for every symbol it exports (RHEL's find-provides).
 *
 * @param satisfied every {@code kernel(sym)} requirement is met
 * @param unsatisfied the unmet ones, as {@code rpm} prints them ({@code kernel(sym) = 0x...})
 * @param agrees whether {@code satisfied} equals "the package's modules load" (directly or from
 *     weak-updates)
 */
public record RpmCheck(boolean satisfied, List<String> unsatisfied, boolean agrees) {
  /** Freezes the list. */
  public RpmCheck {
    unsatisfied = List.copyOf(unsatisfied);
  }
}
