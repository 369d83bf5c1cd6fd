package dev.rdmaforge.image.initramfs;

/**
 * A module whose initramfs copy is not the file the root resolves for its name.
 *
 * @param name the module name
 * @param initramfsPath the entry in the initramfs
 * @param rootPath the root's winner, relative to the root ({@code lib/modules/REL/updates/x.ko})
 * @param initramfsSha256 SHA-256 of the initramfs copy's decompressed image
 * @param rootSha256 SHA-256 of the root's winner's decompressed image
 */
public record StaleModule(
    String name, String initramfsPath, String rootPath, String initramfsSha256,
    String rootSha256) {}
