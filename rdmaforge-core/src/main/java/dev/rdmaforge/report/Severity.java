package dev.rdmaforge.report;

/** How bad a {@link Finding} is. Only {@link #ERROR} makes a check fail (exit code 1). */
public enum Severity {
  /** The consumer rejects the input, silently ignores it, or the system will not work. */
  ERROR,
  /** Accepted, but probably not what was meant, or fragile. */
  WARNING,
  /** Worth knowing; nothing to fix. */
  INFO
}
