package dev.rdmaforge.pkg;

import java.util.Objects;

/**
 * A maintainer script as the package carries it.
 *
 * @param phase when it runs
 * @param interpreter RPM's {@code *PROG} tag (e.g. {@code /bin/sh}, {@code <lua>}); for a DEB the
 *     program of the {@code #!} line; empty when not stated
 * @param body the script text (decoded as UTF-8)
 */
public record PackageScript(ScriptPhase phase, String interpreter, String body) {

  /** Requires every part. */
  public PackageScript {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(interpreter, "interpreter");
    Objects.requireNonNull(body, "body");
  }
}
