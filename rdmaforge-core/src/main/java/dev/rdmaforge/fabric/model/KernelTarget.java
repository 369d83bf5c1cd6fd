package dev.rdmaforge.fabric.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kernel the nodes boot, for module parameter checks.
 *
 * @param release {@code uname -r} of the target
 * @param modules the module tree ({@code /lib/modules/<release>}) to read parameters from, if given
 * @param options module options the description asks for besides the SR-IOV ones
 *     ({@code kernel.options}), in description order
 */
public record KernelTarget(String release, Optional<Path> modules, List<ModuleOptionSpec> options) {
  /** Copies the list. */
  public KernelTarget {
    options = List.copyOf(options);
  }
}
