package dev.rdmaforge.fabric.modprobe;

import dev.rdmaforge.report.Location;

/**
 * One {@code name=value} word of an {@code options} line.
 *
 * @param arg the word as the kernel splits it
 * @param where its position in the file
 */
public record ModuleOption(KernelArg arg, Location where) {}
