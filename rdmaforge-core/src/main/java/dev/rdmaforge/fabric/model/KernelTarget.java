package dev.rdmaforge.fabric.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel the nodes boot, for module parameter checks.
 *
 * @param release {@code uname -r} of the target
 * @param modules the module tree ({@code /lib/modules/<release>}) to read parameters from, if given
 */
public record KernelTarget(String release, Optional<Path> modules) {}
