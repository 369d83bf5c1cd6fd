package dev.rdmaforge.image.initramfs;

/**
 * One concatenated part of an initramfs file: an uncompressed cpio archive or one compressed
 * stream (which may itself hold several archives).
 *
 * @param index 0-based position in the file
 * @param offset byte offset of the segment's first byte in the file
 * @param length bytes of the file the segment occupies (without the zero padding after it)
 * @param compression how it is stored
 * @param decompressedSize bytes of cpio data it holds
 * @param entries number of entries read from it (trailers not counted)
 */
public record InitramfsSegment(
    int index,
    long offset,
    long length,
    InitramfsCompression compression,
    long decompressedSize,
    int entries) {}
