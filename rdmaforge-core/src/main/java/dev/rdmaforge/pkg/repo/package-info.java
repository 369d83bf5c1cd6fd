/**
 * Package repositories in local directories: what they list, checked before it is believed.
 *
 * <p>{@link dev.rdmaforge.pkg.repo.Repositories#open} recognises the layout ({@link
 * dev.rdmaforge.pkg.repo.RepositoryLayout}) and gives a {@link dev.rdmaforge.pkg.repo.Repository}
 * of {@link dev.rdmaforge.pkg.repo.RepositoryPackage}s: identity, location, checksum, size,
 * relations and (yum) file list, from the metadata alone; {@link
 * dev.rdmaforge.pkg.repo.RepositoryPackage#read()} opens the file after checking its size and
 * checksum against the metadata.
 *
 * <p><b>yum.</b> repomd.xml gives each metadata file's location, size and checksum of the stored
 * (compressed) file and of its content (open-size, open-checksum); all are checked, before and
 * after parsing. primary.xml and filelists.xml may be plain or gzip, zstd, xz or bzip2
 * compressed; the compression follows createrepo_c's suffix and must match the file's magic. XML
 * is parsed with the JDK's StAX with DTDs and external entities off; a document type declaration
 * is refused. Relations are rendered with the text {@link dev.rdmaforge.pkg.Packages#read} gives
 * for the same header.
 *
 * <p><b>apt.</b> Flat repositories and {@code dists/SUITE/COMPONENT/binary-ARCH/} indexes, plain
 * or compressed. Stanzas are parsed as control files are; relations as a DEB's own. A suite's
 * {@code Release} file, when present, must list each index read with its size and checksum.
 *
 * <p><b>Locations.</b> A location that is absolute, a URL, climbs out of the repository or
 * reaches out through a symbolic link is refused.
 */
package dev.rdmaforge.pkg.repo;
