package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;
import java.util.List;

/**
 * One module a name resolved to, and what modprobe does for it. A name can resolve to several
 * modules (an alias matched by several modules); modprobe probes each in turn.
 *
 * @param module the module name
 * @param alias the alias it was reached through, or null
 * @param source where the lookup found it
 * @param origin the modprobe.d line that made the match (alias, install or remove lines), or null
 * @param outcome whether modprobe probes it at all
 * @param steps the modules modprobe acts on, in order (empty unless probed)
 */
public record ProbeTarget(
    String module,
    String alias,
    LookupSource source,
    Origin origin,
    Outcome outcome,
    List<ProbeStep> steps) {

  public ProbeTarget {
    steps = List.copyOf(steps);
  }

  /** Whether modprobe probes the module. */
  public enum Outcome {
    /** Probed: {@link #steps()} is the list modprobe acts on. */
    PROBED,
    /**
     * Not probed, silently (exit 0): blacklisted and reached through an alias, or named directly
     * with {@code -b}.
     */
    BLACKLISTED,
    /**
     * Not probed: built into the kernel, so already there (exit 0; with {@code --first-time} an
     * error "Module already in kernel").
     */
    ALREADY_IN_KERNEL
  }
}
