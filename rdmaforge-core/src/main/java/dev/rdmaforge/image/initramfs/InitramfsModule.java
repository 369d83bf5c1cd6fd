package dev.rdmaforge.image.initramfs;

/**
 * A kernel module file inside an initramfs.
 *
 * @param name the module name as kmod derives it from the file name ({@code '-'} becomes {@code
 *     '_'}, the suffixes dropped)
 * @param path the entry's name in the archive
 * @param relativePath the path below the release's module directory, as modules.dep names it
 *     ({@code kernel/drivers/infiniband/core/ib_core.ko})
 * @param fileSize the size of the file in the archive (compressed if it is)
 * @param sha256 lower-case hex SHA-256 of the module image after decompression: the bytes the
 *     kernel receives, comparable with the root's copy however either is compressed
 */
public record InitramfsModule(
    String name, String path, String relativePath, long fileSize, String sha256) {}
