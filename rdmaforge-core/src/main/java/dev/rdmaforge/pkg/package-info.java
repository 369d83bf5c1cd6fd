/**
 * RPM and DEB package files: what they say about themselves, their payloads as checked streams,
 * and extraction that never writes outside its output root.
 *
 * <p>{@link dev.rdmaforge.pkg.Packages} is the entry point. {@code read} gives a {@link
 * dev.rdmaforge.pkg.PackageFile}, the same model for both formats: name, {@link
 * dev.rdmaforge.pkg.PackageVersion}, arch, provides/requires/conflicts as {@link
 * dev.rdmaforge.pkg.PackageRelation}s typed by {@link dev.rdmaforge.pkg.RelationKind} ({@code
 * kernel(sym) = 0xCRC}, {@code ksym(sym)}, {@code kmod(name.ko)}, {@code kernel-uname-r}), the
 * file list as {@link dev.rdmaforge.pkg.PackagedFile}s and the maintainer scripts. {@code
 * readRpm}/{@code readDeb} add the raw RPM headers or the DEB control fields. {@code openPayload}
 * streams the entries with their content; {@code extract} writes them, or a {@link
 * dev.rdmaforge.pkg.PathSelection} of them, below an output root.
 *
 * <p><b>Libraries.</b> The RPM header reader is rdmaforge's own (≈400 lines in {@link
 * dev.rdmaforge.pkg.RpmHeader}, {@code RpmReader}, {@code RpmFileList}, {@code RpmRelations}).
 * org.eclipse.packager:packager-rpm 0.21.0 was evaluated and not taken: its {@code
 * RpmInputStream} allocates the index and the data store from the counts in the file before
 * checking them against anything ({@code new HeaderValue[indexCount]}, {@code
 * readComplete(storeSize)}), so a hostile header costs an out-of-memory error instead of a
 * message; its errors ({@code "File corrupt: Expected magic ..."}) carry no byte offset; it
 * consumes its stream (the payload needs a second open); it brings Guava, commons-codec, SLF4J
 * and Bouncy Castle's bcpg (11 jars, 14 MiB) and has no DEB counterpart on Maven Central. The
 * header format is small and fixed, so this package reads it with rpm's own checks ({@code
 * headerVerifyInfo}: at most 65,535 tags and 256 MiB, known types, aligned offsets inside the
 * data, terminated strings), compared with the file's size before anything is allocated, and
 * verifies the signature header's size and SHA-256 (or SHA-1) of the main header, each file's
 * digest and PAYLOADDIGEST while streaming. The archives and compressors are well-kept
 * libraries: commons-compress for cpio (newc/crc), tar and bzip2, the JDK for gzip, org.tukaani
 * xz for xz and lzma (with a 256 MiB memory limit), zstd-jni for zstd. The ar container of a DEB
 * (60-byte headers) is read by {@code ArArchive}, strictly and with offsets.
 *
 * <p><b>Hostile packages.</b> Everything a package states is checked before it is believed, and
 * every refusal is a {@link dev.rdmaforge.report.UserInputException} naming the package file, the
 * byte offset or entry path, and what to do: wrong magic, truncation (before allocation, by the
 * signature's size, or where a stream ends early), corrupt compressed streams (decoders are read
 * to their end so their trailers are checked), paths with {@code ..}, device nodes, FIFOs and
 * sockets, hard links to anything but an earlier regular file of the same package, cpio entries
 * the RPM header does not list (or listed ones the payload lacks), and declared sizes beyond what
 * the payload can expand to ({@code SizeBudget}: 1024 times the compressed size, so 10 GB
 * declared in a small package is refused before a byte is written). Payloads are streamed and
 * their decompressed size is capped; memory stays bounded by the headers' own limits.
 *
 * <p><b>Extraction.</b> Paths are resolved by rdmaforge one component at a time; the operating
 * system never follows a link. Links met on the way are walked inside the root; a relative link
 * that climbs above it, alone or as part of a chain, is refused (and removed, when it only
 * escapes once a later link exists); absolute links are refused unless the caller treats the
 * output as an image ({@link dev.rdmaforge.pkg.AbsoluteSymlinks#IMAGE}), where they resolve inside
 * the root as after {@code chroot}. Files are written under a temporary name in their real
 * directory and renamed into place, so an existing link is replaced, never written through, and a
 * file whose content fails its digest is never seen under its name.
 */
package dev.rdmaforge.pkg;
