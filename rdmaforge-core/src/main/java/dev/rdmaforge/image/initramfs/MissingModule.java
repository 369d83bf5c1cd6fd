package dev.rdmaforge.image.initramfs;

/**
 * A module the boot path needs that the initramfs lacks.
 *
 * @param name the module name
 * @param neededBy the requested module whose dependency closure holds it (itself when requested)
 * @param rootPath the root's file for it, relative to the root; null when the root has none
 * @param nextRegeneration whether the generator's configuration would put it in
 */
public record MissingModule(
    String name, String neededBy, String rootPath, Inclusion nextRegeneration) {}
