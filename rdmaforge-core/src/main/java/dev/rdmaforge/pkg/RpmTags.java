package dev.rdmaforge.pkg;

import java.util.Map;

/**
 * The RPM header tags rdmaforge reads, with the numbers of rpm's {@code rpmtag.h}. Signature
 * header tags are {@code SIG_*}.
 */
public final class RpmTags {
  /** Main header: package name. */
  public static final int NAME = 1000;
  /** Main header: version. */
  public static final int VERSION = 1001;
  /** Main header: release. */
  public static final int RELEASE = 1002;
  /** Main header: epoch (INT32), absent when the spec sets none. */
  public static final int EPOCH = 1003;
  /** Main header: architecture, e.g. {@code x86_64}. */
  public static final int ARCH = 1022;
  /** Main header: %pre script. */
  public static final int PREIN = 1023;
  /** Main header: %post script. */
  public static final int POSTIN = 1024;
  /** Main header: %preun script. */
  public static final int PREUN = 1025;
  /** Main header: %postun script. */
  public static final int POSTUN = 1026;
  /** Main header: full file names of packages built before rpm 4.0.4. */
  public static final int OLDFILENAMES = 1027;
  /** Main header: file sizes (INT32). */
  public static final int FILESIZES = 1028;
  /** Main header: file modes (INT16, full st_mode). */
  public static final int FILEMODES = 1030;
  /** Main header: file digests (hex, empty for non-regular files). */
  public static final int FILEDIGESTS = 1035;
  /** Main header: symbolic link targets (empty for non-links). */
  public static final int FILELINKTOS = 1036;
  /** Main header: file flags (%config = 1, %ghost = 64, ...). */
  public static final int FILEFLAGS = 1037;
  /** Main header: the uncompressed archive size (INT32). */
  public static final int ARCHIVESIZE = 1046;
  /** Main header: provided capabilities. */
  public static final int PROVIDENAME = 1047;
  /** Main header: requirement sense flags. */
  public static final int REQUIREFLAGS = 1048;
  /** Main header: required capabilities. */
  public static final int REQUIRENAME = 1049;
  /** Main header: requirement versions. */
  public static final int REQUIREVERSION = 1050;
  /** Main header: conflict sense flags. */
  public static final int CONFLICTFLAGS = 1053;
  /** Main header: conflicting capabilities. */
  public static final int CONFLICTNAME = 1054;
  /** Main header: conflict versions. */
  public static final int CONFLICTVERSION = 1055;
  /** Main header: %pre interpreter. */
  public static final int PREINPROG = 1085;
  /** Main header: %post interpreter. */
  public static final int POSTINPROG = 1086;
  /** Main header: %preun interpreter. */
  public static final int PREUNPROG = 1087;
  /** Main header: %postun interpreter. */
  public static final int POSTUNPROG = 1088;
  /** Main header: file devices, with FILEINODES identifying hard-link sets. */
  public static final int FILEDEVICES = 1095;
  /** Main header: file inode numbers (package-local). */
  public static final int FILEINODES = 1096;
  /** Main header: provide sense flags. */
  public static final int PROVIDEFLAGS = 1112;
  /** Main header: provide versions. */
  public static final int PROVIDEVERSION = 1113;
  /** Main header: index into DIRNAMES for each file. */
  public static final int DIRINDEXES = 1116;
  /** Main header: file base names. */
  public static final int BASENAMES = 1117;
  /** Main header: directory names (with a trailing slash). */
  public static final int DIRNAMES = 1118;
  /** Main header: payload format, {@code cpio}. */
  public static final int PAYLOADFORMAT = 1124;
  /** Main header: payload compressor, e.g. {@code zstd}; absent for an uncompressed payload. */
  public static final int PAYLOADCOMPRESSOR = 1125;
  /** Main header: payload compression level, e.g. {@code 19}. */
  public static final int PAYLOADFLAGS = 1126;
  /** Main header: %pretrans script. */
  public static final int PRETRANS = 1151;
  /** Main header: %posttrans script. */
  public static final int POSTTRANS = 1152;
  /** Main header: %pretrans interpreter. */
  public static final int PRETRANSPROG = 1153;
  /** Main header: %posttrans interpreter. */
  public static final int POSTTRANSPROG = 1154;
  /** Main header: file sizes (INT64), instead of FILESIZES when a file is 4 GiB or more. */
  public static final int LONGFILESIZES = 5008;
  /** Main header: the algorithm of FILEDIGESTS (OpenPGP id; MD5 when absent). */
  public static final int FILEDIGESTALGO = 5011;
  /** Main header: digest of the compressed payload (hex). */
  public static final int PAYLOADDIGEST = 5092;
  /** Main header: algorithm of PAYLOADDIGEST. */
  public static final int PAYLOADDIGESTALGO = 5093;
  /** Signature header: SHA-1 of the main header (hex). */
  public static final int SIG_SHA1 = 269;
  /** Signature header: main header plus payload size (INT64). */
  public static final int SIG_LONGSIZE = 270;
  /** Signature header: uncompressed payload size (INT64). */
  public static final int SIG_LONGARCHIVESIZE = 271;
  /** Signature header: SHA-256 of the main header (hex). */
  public static final int SIG_SHA256 = 273;
  /** Signature header: main header plus payload size (INT32). */
  public static final int SIG_SIZE = 1000;
  /** Signature header: uncompressed payload size (INT32). */
  public static final int SIG_PAYLOADSIZE = 1007;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(NAME, "NAME"), Map.entry(VERSION, "VERSION"), Map.entry(RELEASE, "RELEASE"),
      Map.entry(EPOCH, "EPOCH"), Map.entry(ARCH, "ARCH"), Map.entry(PREIN, "PREIN"),
      Map.entry(POSTIN, "POSTIN"), Map.entry(PREUN, "PREUN"), Map.entry(POSTUN, "POSTUN"),
      Map.entry(OLDFILENAMES, "OLDFILENAMES"), Map.entry(FILESIZES, "FILESIZES"),
      Map.entry(FILEMODES, "FILEMODES"), Map.entry(FILEDIGESTS, "FILEDIGESTS"),
      Map.entry(FILELINKTOS, "FILELINKTOS"), Map.entry(FILEFLAGS, "FILEFLAGS"),
      Map.entry(ARCHIVESIZE, "ARCHIVESIZE"), Map.entry(PROVIDENAME, "PROVIDENAME"),
      Map.entry(REQUIREFLAGS, "REQUIREFLAGS"), Map.entry(REQUIRENAME, "REQUIRENAME"),
      Map.entry(REQUIREVERSION, "REQUIREVERSION"), Map.entry(CONFLICTFLAGS, "CONFLICTFLAGS"),
      Map.entry(CONFLICTNAME, "CONFLICTNAME"), Map.entry(CONFLICTVERSION, "CONFLICTVERSION"),
      Map.entry(PREINPROG, "PREINPROG"), Map.entry(POSTINPROG, "POSTINPROG"),
      Map.entry(PREUNPROG, "PREUNPROG"), Map.entry(POSTUNPROG, "POSTUNPROG"),
      Map.entry(FILEDEVICES, "FILEDEVICES"), Map.entry(FILEINODES, "FILEINODES"),
      Map.entry(PROVIDEFLAGS, "PROVIDEFLAGS"), Map.entry(PROVIDEVERSION, "PROVIDEVERSION"),
      Map.entry(DIRINDEXES, "DIRINDEXES"), Map.entry(BASENAMES, "BASENAMES"),
      Map.entry(DIRNAMES, "DIRNAMES"), Map.entry(PAYLOADFORMAT, "PAYLOADFORMAT"),
      Map.entry(PAYLOADCOMPRESSOR, "PAYLOADCOMPRESSOR"), Map.entry(PAYLOADFLAGS, "PAYLOADFLAGS"),
      Map.entry(PRETRANS, "PRETRANS"), Map.entry(POSTTRANS, "POSTTRANS"),
      Map.entry(PRETRANSPROG, "PRETRANSPROG"), Map.entry(POSTTRANSPROG, "POSTTRANSPROG"),
      Map.entry(LONGFILESIZES, "LONGFILESIZES"), Map.entry(FILEDIGESTALGO, "FILEDIGESTALGO"),
      Map.entry(PAYLOADDIGEST, "PAYLOADDIGEST"),
      Map.entry(PAYLOADDIGESTALGO, "PAYLOADDIGESTALGO"), Map.entry(SIG_SHA1, "SHA1HEADER"),
      Map.entry(SIG_LONGSIZE, "LONGSIGSIZE"), Map.entry(SIG_LONGARCHIVESIZE, "LONGARCHIVESIZE"),
      Map.entry(SIG_SHA256, "SHA256HEADER"));

  private RpmTags() {}

  /**
   * A tag for messages: {@code NAME (1000)}, or just the number for tags not listed here. The
   * signature header's SIZE (1000) and PAYLOADSIZE (1007) share numbers with main-header tags.
   */
  public static String describe(int tag) {
    String name = NAMES.get(tag);
    return name == null ? "tag " + tag : name + " (" + tag + ")";
  }
}
