package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.FileDigest;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code <data>} entry of repomd.xml.
 *
 * @param type e.g. {@code primary}, {@code filelists}
 * @param href the location, relative to the repository root
 * @param checksum the checksum of the file as stored (compressed)
 * @param openChecksum the checksum of its decompressed content, when stated
 * @param size the stored size, when stated
 * @param openSize the decompressed size, when stated
 * @param place {@code repomd.xml:line:column} of the entry, for messages
 */
record RepomdData(
    String type,
    String href,
    FileDigest checksum,
    Optional<FileDigest> openChecksum,
    OptionalLong size,
    OptionalLong openSize,
    String place) {}
