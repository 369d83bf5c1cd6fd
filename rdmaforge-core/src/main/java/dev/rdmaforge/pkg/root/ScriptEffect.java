package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.ScriptPhase;
import java.util.Objects;

/**
 * A maintainer script command that was not run, and what it would have done.
 *
 * @param packageLabel the package carrying the script
 * @param phase when the package manager runs it
 * @param command the script line (trimmed), or the script's first command when none is known
 * @param effect what it does to the system, in one line
 * @param predicted true when rdmaforge reproduces the effect that matters for module loading
 *     (depmod: the tree is resolved as depmod would; weak-modules: the links are predicted)
 */
public record ScriptEffect(
    String packageLabel, ScriptPhase phase, String command, String effect, boolean predicted) {

  /** Requires every part. */
  public ScriptEffect {
    Objects.requireNonNull(packageLabel, "packageLabel");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(effect, "effect");
  }
}
