package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Streams an RPM payload (cpio newc or crc inside the header's compressor) and holds it to the
 * header as rpm does when installing: every cpio entry must be a file of the header's list, once,
 * with the same type, mode and size (hard-link members empty but for the last, symbolic links with
 * the same target), and at the end no listed file (other than a %ghost) may be missing and the
 * compressed payload must match PAYLOADDIGEST.
 */
final class RpmPayloadReader implements PayloadReader {
  /** Per-entry bound of a newc header, its name and padding. */
  private static final long ENTRY_OVERHEAD = 110 + PackagePaths.MAX_PATH + 8;

  private final Path file;
  private final RpmPackage rpm;
  private final FileChannel channel;
  private final RegionInput raw;
  private final MessageDigest payloadDigest;
  private final InputStream decompressed;
  private final CpioArchiveInputStream cpio;
  private final Map<String, PackagedFile> byPath = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final boolean verify;
  private EntryContent current;
  private boolean done;

  /**
   * Opens the payload of {@code rpm}; takes ownership of {@code channel}.
   *
   * @param verify whether to check digests (false when the caller only lists)
   */
  RpmPayloadReader(RpmPackage rpm, FileChannel channel, boolean verify) throws IOException {
    this.file = rpm.pkg().source();
    this.rpm = rpm;
    this.channel = channel;
    this.verify = verify;
    long declared = 512;
    for (PackagedFile f : rpm.pkg().files()) {
      byPath.put(f.path(), f);
      declared += ENTRY_OVERHEAD + (f.type() == FileType.HARDLINK ? 0 : f.size());
    }
    this.payloadDigest = verify ? payloadDigest(rpm.header()) : null;
    this.raw = new RegionInput(channel, rpm.payloadOffset(), channel.size(), payloadDigest);
    PayloadCompression compression = rpm.pkg().compression();
    this.decompressed = CappedInput.of(file, "the payload",
        Decompressors.open(file, "the payload", compression, raw), declared);
    this.cpio = new CpioArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
  }

  private static MessageDigest payloadDigest(RpmHeader header) {
    if (!header.has(RpmTags.PAYLOADDIGEST)) {
      return null;
    }
    long id = header.number(RpmTags.PAYLOADDIGESTALGO).orElse(8);
    DigestAlgorithm algorithm = DigestAlgorithm.fromRpmId(id);
    return algorithm == null ? null : RpmReader.digest(algorithm.javaName());
  }

  @Override
  public Optional<PayloadEntry> next() {
    if (current != null) {
      current.drain();
      current = null;
    }
    if (done) {
      return Optional.empty();
    }
    CpioArchiveEntry entry;
    try {
      entry = cpio.getNextEntry();
    } catch (IOException e) {
      throw cpioFailure(e);
    }
    if (entry == null) {
      finish();
      return Optional.empty();
    }
    return Optional.of(check(entry));
  }

  private RuntimeException cpioFailure(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof java.io.EOFException) {
      return PackageProblems.atByte(file, raw.position(), "the payload ends inside its cpio"
          + " archive (truncated)", PackageProblems.DAMAGED, e);
    }
    if (message.contains("07070X")) {
      return PackageProblems.atByte(file, raw.position(), "the payload uses rpm's stripped cpio"
          + " format (magic 07070X) for files of 4 GiB or more",
          "rdmaforge does not read it; extract the package with rpm2cpio instead");
    }
    return PackageProblems.atByte(file, raw.position(), "the cpio archive in the payload is"
        + " damaged (" + message + ")", PackageProblems.DAMAGED, e);
  }

  private PayloadEntry check(CpioArchiveEntry entry) {
    String name = entry.getName();
    short format = entry.getFormat();
    if (format != CpioConstants.FORMAT_NEW && format != CpioConstants.FORMAT_NEW_CRC) {
      throw PackageProblems.atEntry(file, name, "the payload is a cpio archive of an old format,"
          + " not newc (070701) as rpm writes", PackageProblems.DAMAGED);
    }
    String path = PackagePaths.strip(name);
    String problem = PackagePaths.problem(path);
    if (problem != null) {
      throw PackageProblems.atEntry(file, name, problem, PackageProblems.HOSTILE);
    }
    PackagedFile f = byPath.get(path);
    if (f == null) {
      throw PackageProblems.atEntry(file, name, "it is in the payload but not in the header's"
          + " file list (rpm refuses such a package)", PackageProblems.DAMAGED + "; "
          + PackageProblems.HOSTILE);
    }
    if (!seen.add(path)) {
      throw PackageProblems.atEntry(file, name, "it is twice in the payload",
          PackageProblems.DAMAGED);
    }
    if (f.ghost()) {
      throw PackageProblems.atEntry(file, name, "it is %ghost in the header but in the payload",
          PackageProblems.DAMAGED);
    }
    if (entry.getMode() != f.mode()) {
      throw PackageProblems.atEntry(file, name, "the payload gives mode 0"
          + Long.toOctalString(entry.getMode()) + ", the header 0" + Integer.toOctalString(
          f.mode()), PackageProblems.DAMAGED);
    }
    long expected = f.type() == FileType.HARDLINK || f.type() == FileType.DIR ? 0 : f.size();
    if (entry.getSize() != expected) {
      throw PackageProblems.atEntry(file, name, "the payload holds " + entry.getSize()
          + " bytes for it, the header says " + expected, PackageProblems.DAMAGED);
    }
    if (f.type() == FileType.SYMLINK) {
      checkLinkTarget(f);
      return new PayloadEntry(f, EntryContent.empty());
    }
    if (f.type() != FileType.FILE) {
      return new PayloadEntry(f, EntryContent.empty());
    }
    current = new EntryContent(file, f, f.size(), cpio, verify);
    return new PayloadEntry(f, current);
  }

  private void checkLinkTarget(PackagedFile f) {
    byte[] target;
    try {
      target = cpio.readNBytes((int) f.size());
    } catch (IOException e) {
      throw cpioFailure(e);
    }
    String stored = new String(target, StandardCharsets.UTF_8);
    if (target.length != f.size() || !stored.equals(f.linkTarget().orElse(""))) {
      throw PackageProblems.atEntry(file, f.path(), "the payload's link target '" + stored
          + "' differs from the header's '" + f.linkTarget().orElse("") + "'",
          PackageProblems.DAMAGED);
    }
  }

  private void finish() {
    done = true;
    for (PackagedFile f : rpm.pkg().files()) {
      if (!f.ghost() && !seen.contains(f.path())) {
        throw PackageProblems.atEntry(file, f.path(), "the header lists it, the payload lacks"
            + " it (" + seen.size() + " entries read)", PackageProblems.DAMAGED);
      }
    }
    try {
      // To its end: the decoder then checks its own trailer (gzip CRC, xz index, zstd checksum).
      decompressed.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw PackageProblems.atByte(file, raw.position(), "the payload cannot be read to its end ("
          + e.getMessage() + ")", PackageProblems.DAMAGED, e);
    }
    if (payloadDigest == null) {
      return;
    }
    try {
      raw.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw PackageProblems.atByte(file, raw.position(), "cannot read: " + e.getMessage(),
          "check that the file is readable");
    }
    String actual = HexFormat.of().formatHex(payloadDigest.digest());
    String expected = rpm.header().string(RpmTags.PAYLOADDIGEST).orElse("")
        .toLowerCase(Locale.ROOT);
    if (!actual.equals(expected)) {
      throw PackageProblems.atByte(file, rpm.payloadOffset(), "the compressed payload's digest"
          + " is " + actual + ", PAYLOADDIGEST says " + expected, PackageProblems.DAMAGED);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was written; a failing close of a read-only channel loses nothing
    }
  }
}
