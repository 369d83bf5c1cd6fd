package dev.rdmaforge.fabric.model;

import dev.rdmaforge.report.Location;

/**
 * One module option the description asks for ({@code kernel.options.mlx4_core.debug_level: 1}).
 *
 * @param module the module ({@code mlx4_core})
 * @param name the parameter
 * @param value its value as the kernel will read it
 * @param where where the description sets it
 */
public record ModuleOptionSpec(String module, String name, String value, Location where) {}
