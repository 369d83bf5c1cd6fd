package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads an RPM file's lead, signature header and main header (see {@link RpmHeader}), checks them
 * against each other and the file (the signature's size and header digest), and builds the common
 * model. The payload is not read here: {@link RpmPayloadReader} streams it.
 */
final class RpmReader {
  /** The lead's magic. */
  static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};
  static final int LEAD_SIZE = 96;
  /** RPMSIGTYPE_HEADERSIG: the only signature type rpm 4 writes. */
  static final int HEADER_SIGNATURE_TYPE = 5;

  private RpmReader() {}

  static RpmPackage read(Path file, FileChannel channel) throws IOException {
    long fileSize = channel.size();
    ByteBuffer lead = ByteBuffer.allocate(LEAD_SIZE);
    while (lead.hasRemaining() && channel.read(lead, lead.position()) > 0) {
      // fill
    }
    byte[] magic = new byte[4];
    lead.flip();
    if (lead.remaining() >= 4) {
      lead.get(0, magic);
    }
    if (lead.remaining() < 4 || !java.util.Arrays.equals(magic, LEAD_MAGIC)) {
      throw PackageProblems.atByte(file, 0, "not an RPM file: the lead magic ED AB EE DB is"
          + " missing", "give an .rpm file (or check that the download is not an HTML page)");
    }
    if (lead.remaining() < LEAD_SIZE) {
      throw PackageProblems.atByte(file, lead.remaining(), "the file ends inside the 96-byte"
          + " lead (truncated)", PackageProblems.DAMAGED);
    }
    int major = lead.get(4) & 0xff;
    if (major != 3 && major != 4) {
      throw PackageProblems.atByte(file, 4, "RPM format version " + major + " is not 3 or 4",
          "rdmaforge reads the RPM v3/v4 packages every rpm since 4.0 writes");
    }
    int signatureType = lead.getShort(78) & 0xffff;
    if (signatureType != HEADER_SIGNATURE_TYPE) {
      throw PackageProblems.atByte(file, 78, "the lead's signature type is " + signatureType
          + ", not 5 (a header-style signature)", "packages of rpm before 3.0 are not read");
    }
    RpmHeader signature = RpmHeader.read(file, channel, LEAD_SIZE, fileSize, "signature header");
    long padding = (8 - signature.length() % 8) % 8;
    long headerStart = LEAD_SIZE + signature.length() + padding;
    RpmHeader header = RpmHeader.read(file, channel, headerStart, fileSize, "header");
    long payloadOffset = headerStart + header.length();
    checkSize(file, signature, fileSize - headerStart);
    checkHeaderDigest(file, channel, signature, header);
    PackageFile pkg = model(file, channel, header, payloadOffset, fileSize);
    return new RpmPackage(pkg, signature, header, payloadOffset);
  }

  /** The signature's SIZE/LONGSIZE covers the main header and the payload: the rest of the file. */
  private static void checkSize(Path file, RpmHeader signature, long actual) {
    OptionalLong declared = signature.has(RpmTags.SIG_LONGSIZE)
        ? signature.number(RpmTags.SIG_LONGSIZE) : signature.number(RpmTags.SIG_SIZE);
    if (declared.isPresent() && declared.getAsLong() != actual) {
      int tag = signature.has(RpmTags.SIG_LONGSIZE) ? RpmTags.SIG_LONGSIZE : RpmTags.SIG_SIZE;
      throw PackageProblems.atByte(file, signature.dataOffset(tag), "the signature header says"
          + " the header and payload take " + declared.getAsLong() + " bytes, the file has "
          + actual + (actual < declared.getAsLong() ? " (truncated)" : " (extra bytes at the end)"),
          PackageProblems.DAMAGED);
    }
  }

  /** SHA-256 (or SHA-1 for older packages) of the main header, as rpm -K checks it. */
  private static void checkHeaderDigest(
      Path file, FileChannel channel, RpmHeader signature, RpmHeader header) throws IOException {
    int tag = signature.has(RpmTags.SIG_SHA256) ? RpmTags.SIG_SHA256 : RpmTags.SIG_SHA1;
    if (!signature.has(tag)) {
      return;
    }
    String expected = signature.string(tag).orElse("").toLowerCase(Locale.ROOT);
    MessageDigest digest = digest(tag == RpmTags.SIG_SHA256 ? "SHA-256" : "SHA-1");
    try (InputStream in = new RegionInput(channel, header.offset(),
        header.offset() + header.length(), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(expected)) {
      throw PackageProblems.atByte(file, header.offset(), "the header's "
          + (tag == RpmTags.SIG_SHA256 ? "SHA-256" : "SHA-1") + " is " + actual + ", the"
          + " signature header says " + expected, PackageProblems.DAMAGED);
    }
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static PackageFile model(
      Path file, FileChannel channel, RpmHeader header, long payloadOffset, long fileSize)
      throws IOException {
    String name = required(file, header, RpmTags.NAME);
    String version = required(file, header, RpmTags.VERSION);
    String release = required(file, header, RpmTags.RELEASE);
    OptionalLong epoch = header.number(RpmTags.EPOCH);
    String arch = header.string(RpmTags.ARCH).orElse("noarch");
    List<PackageRelation> provides = RpmRelations.read(
        file, header, RpmTags.PROVIDENAME, RpmTags.PROVIDEFLAGS, RpmTags.PROVIDEVERSION);
    List<Requirement> requires = new ArrayList<>();
    for (PackageRelation r : RpmRelations.read(
        file, header, RpmTags.REQUIRENAME, RpmTags.REQUIREFLAGS, RpmTags.REQUIREVERSION)) {
      requires.add(Requirement.of(r));
    }
    List<PackageRelation> conflicts = RpmRelations.read(
        file, header, RpmTags.CONFLICTNAME, RpmTags.CONFLICTFLAGS, RpmTags.CONFLICTVERSION);
    List<PackagedFile> files = RpmFileList.read(file, header);
    PayloadCompression compression = compression(file, channel, header, payloadOffset, fileSize);
    SizeBudget budget = new SizeBudget(file, fileSize - payloadOffset, compression);
    for (PackagedFile f : files) {
      if (f.type() == FileType.FILE && !f.ghost()) {
        budget.declare(f.path(), f.size());
      }
    }
    return new PackageFile(file, PackageFormat.RPM, name, new PackageVersion(epoch, version,
        release), arch, provides, requires, conflicts, files, scripts(header), compression);
  }

  private static String required(Path file, RpmHeader header, int tag) {
    String value = header.string(tag).orElse("");
    if (value.isEmpty()) {
      throw PackageProblems.of(file, "the header has no " + RpmTags.describe(tag),
          PackageProblems.DAMAGED);
    }
    return value;
  }

  private static PayloadCompression compression(
      Path file, FileChannel channel, RpmHeader header, long payloadOffset, long fileSize)
      throws IOException {
    String format = header.string(RpmTags.PAYLOADFORMAT).orElse("cpio");
    if (!format.equals("cpio")) {
      throw PackageProblems.atByte(file, header.dataOffset(RpmTags.PAYLOADFORMAT), "the payload"
          + " format is '" + format + "', not cpio", "rdmaforge reads cpio payloads only");
    }
    byte[] head = new byte[6];
    int length = Math.max(0, channel.read(ByteBuffer.wrap(head), payloadOffset));
    if (length < 6) {
      throw PackageProblems.atByte(file, payloadOffset, "the payload is missing or shorter than"
          + " 6 bytes (truncated)", PackageProblems.DAMAGED);
    }
    PayloadCompression found = Decompressors.sniff(head, length);
    if (!header.has(RpmTags.PAYLOADCOMPRESSOR)) {
      // rpm reads a payload without PAYLOADCOMPRESSOR as gzip, and gzip passes plain cpio through.
      if (found == PayloadCompression.GZIP) {
        return found;
      }
      if (found == null && new String(head, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
          .equals("07070")) {
        return PayloadCompression.NONE;
      }
      throw PackageProblems.atByte(file, payloadOffset, "the header names no payload compressor"
          + " and the payload starts with " + RpmHeader.hex(head) + ", neither gzip nor cpio",
          PackageProblems.DAMAGED);
    }
    String name = header.string(RpmTags.PAYLOADCOMPRESSOR).orElse("");
    PayloadCompression declared = null;
    for (PayloadCompression c : PayloadCompression.values()) {
      if (c.rpmName().equals(name)) {
        declared = c;
      }
    }
    if (declared == null) {
      throw PackageProblems.atByte(file, header.dataOffset(RpmTags.PAYLOADCOMPRESSOR),
          "PAYLOADCOMPRESSOR '" + name + "' is not gzip, bzip2, xz, lzma or zstd",
          "rdmaforge reads the payload compressors rpm writes");
    }
    if (declared != PayloadCompression.NONE && found != declared) {
      throw PackageProblems.atByte(file, payloadOffset, "PAYLOADCOMPRESSOR says " + name
          + ", but the payload starts with " + RpmHeader.hex(head), PackageProblems.DAMAGED);
    }
    return declared;
  }

  private static List<PackageScript> scripts(RpmHeader header) {
    List<PackageScript> scripts = new ArrayList<>();
    script(scripts, header, ScriptPhase.PRE_TRANSACTION, RpmTags.PRETRANS, RpmTags.PRETRANSPROG);
    script(scripts, header, ScriptPhase.PRE_INSTALL, RpmTags.PREIN, RpmTags.PREINPROG);
    script(scripts, header, ScriptPhase.POST_INSTALL, RpmTags.POSTIN, RpmTags.POSTINPROG);
    script(scripts, header, ScriptPhase.PRE_REMOVE, RpmTags.PREUN, RpmTags.PREUNPROG);
    script(scripts, header, ScriptPhase.POST_REMOVE, RpmTags.POSTUN, RpmTags.POSTUNPROG);
    script(scripts, header, ScriptPhase.POST_TRANSACTION, RpmTags.POSTTRANS,
        RpmTags.POSTTRANSPROG);
    return scripts;
  }

  private static void script(
      List<PackageScript> scripts, RpmHeader header, ScriptPhase phase, int bodyTag, int progTag) {
    if (!header.has(bodyTag) && !header.has(progTag)) {
      return;
    }
    // A scriptlet may be only an interpreter (%post -p /sbin/ldconfig) without a body.
    String interpreter = String.join(" ", header.strings(progTag));
    scripts.add(new PackageScript(phase, interpreter, header.string(bodyTag).orElse("")));
  }
}
