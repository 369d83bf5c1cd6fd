package dev.rdmaforge.report;

import java.util.Objects;

/**
 * One result of a check, the currency every checker speaks: a stable rule id ({@code
 * RF-FAB-001} style), how bad it is, where, what is wrong, and how to fix it. Text and JSON
 * reports are views of a list of these.
 *
 * @param rule stable rule id; documented and never reused for another meaning
 * @param severity how bad it is
 * @param location the file and place the finding points at
 * @param message one line: what is wrong and what the consumer will do with it
 * @param fix one line: what to change; empty if nothing to do
 */
public record Finding(
    String rule, Severity severity, Location location, String message, String fix) {

  /** Requires every part; {@code fix} may be empty but not null. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** True if this finding makes a check fail. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code path:12:5: error RF-FAB-001: message (fix: ...)} */
  @Override
  public String toString() {
    String text =
        location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + " " + rule + ": "
            + message;
    return fix.isEmpty() ? text : text + " (fix: " + fix + ")";
  }
}
