package dev.rdmaforge.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a DEB the way dpkg-deb does: an ar archive whose first member is {@code debian-binary}
 * (format 2.x), then {@code control.tar[.gz|.xz|.zst]}, then {@code
 * data.tar[.gz|.xz|.zst|.bz2|.lzma]}; members named {@code _*} may sit between them and are
 * skipped, as dpkg skips them. The control member's control, conffiles, md5sums and maintainer
 * scripts are read here; data.tar is streamed by {@link DebPayloadReader}.
 */
final class DebReader {
  /** A control member's files are small text; more than this is no real package. */
  static final int MAX_CONTROL_FILE = 16 << 20;
  static final long MAX_CONTROL_TAR = 64L << 20;
  private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");

  private DebReader() {}

  static DebControl control(Path file, FileChannel channel) throws IOException {
    List<ArArchive.Member> members = ArArchive.members(file, channel);
    if (members.isEmpty() || !members.get(0).name().equals("debian-binary")) {
      long at = members.isEmpty() ? 8 : members.get(0).headerOffset();
      throw PackageProblems.atByte(file, at, "the first ar member is "
          + (members.isEmpty() ? "missing" : "'" + members.get(0).name() + "'")
          + ", not debian-binary", "this is an ar archive but no Debian package: give a .deb");
    }
    ArArchive.Member binary = members.get(0);
    byte[] version = ArArchive.read(file, channel, binary.dataOffset(),
        (int) Math.min(binary.size(), 64), channel.size(), "debian-binary");
    String text = new String(version, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("2.") || !text.endsWith("\n")) {
      throw PackageProblems.atByte(file, binary.dataOffset(), "debian-binary says '"
          + text.strip() + "', not format 2.x", "rdmaforge reads the DEB format 2.0 dpkg writes");
    }
    int index = skipExtras(members, 1);
    ArArchive.Member control = expect(file, members, index, "control.tar");
    index = skipExtras(members, index + 1);
    ArArchive.Member data = expect(file, members, index, "data.tar");
    PayloadCompression controlCompression = compression(file, channel, control, "control.tar");
    PayloadCompression dataCompression = compression(file, channel, data, "data.tar");
    if (controlCompression == PayloadCompression.BZIP2
        || controlCompression == PayloadCompression.LZMA) {
      throw PackageProblems.atByte(file, control.headerOffset(), "member '" + control.name()
          + "': dpkg accepts control.tar only plain, .gz, .xz or .zst", PackageProblems.DAMAGED);
    }
    return readControl(file, channel, control, controlCompression, data, dataCompression);
  }

  private static int skipExtras(List<ArArchive.Member> members, int index) {
    while (index < members.size() && members.get(index).name().startsWith("_")) {
      index++;
    }
    return index;
  }

  private static ArArchive.Member expect(
      Path file, List<ArArchive.Member> members, int index, String prefix) {
    if (index >= members.size()) {
      throw PackageProblems.of(file, "the ar archive has no " + prefix + " member",
          PackageProblems.DAMAGED);
    }
    ArArchive.Member member = members.get(index);
    if (!member.name().startsWith(prefix)) {
      throw PackageProblems.atByte(file, member.headerOffset(), "ar member '" + member.name()
          + "' where " + prefix + "* must come", PackageProblems.DAMAGED);
    }
    return member;
  }

  private static PayloadCompression compression(
      Path file, FileChannel channel, ArArchive.Member member, String prefix) throws IOException {
    String suffix = member.name().substring(prefix.length());
    PayloadCompression named = null;
    for (PayloadCompression c : PayloadCompression.values()) {
      if (c.fileSuffix().equals(suffix)) {
        named = c;
      }
    }
    if (named == null) {
      throw PackageProblems.atByte(file, member.headerOffset(), "ar member '" + member.name()
          + "' has a compression rdmaforge does not know", "dpkg writes .gz, .xz, .zst or none");
    }
    if (named != PayloadCompression.NONE) {
      byte[] head = ArArchive.read(file, channel, member.dataOffset(),
          (int) Math.min(6, member.size()), channel.size(), member.name());
      if (Decompressors.sniff(head, head.length) != named) {
        throw PackageProblems.atByte(file, member.dataOffset(), "member '" + member.name()
            + "' does not start with the " + named.name().toLowerCase(java.util.Locale.ROOT)
            + " magic (found " + RpmHeader.hex(head) + ")", PackageProblems.DAMAGED);
      }
    }
    return named;
  }

  private static DebControl readControl(Path file, FileChannel channel, ArArchive.Member control,
      PayloadCompression compression, ArArchive.Member data, PayloadCompression dataCompression)
      throws IOException {
    Map<String, byte[]> contents = new HashMap<>();
    RegionInput raw = new RegionInput(channel, control.dataOffset(), control.end(), null);
    String what = "member " + control.name();
    try (InputStream in = CappedInput.of(file, what,
            Decompressors.open(file, what, compression, raw), MAX_CONTROL_TAR);
        TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
      TarArchiveEntry entry;
      while ((entry = nextTarEntry(file, raw, what, tar)) != null) {
        String name = PackagePaths.strip(entry.getName());
        if (!entry.isFile() || !List.of("control", "conffiles", "md5sums", "preinst",
            "postinst", "prerm", "postrm").contains(name)) {
          continue;
        }
        if (entry.getSize() > MAX_CONTROL_FILE) {
          throw PackageProblems.atEntry(file, control.name() + "/" + name, "declares "
              + entry.getSize() + " bytes; control files are small text",
              PackageProblems.DAMAGED);
        }
        byte[] bytes = tar.readNBytes((int) entry.getSize());
        if (bytes.length != entry.getSize()) {
          throw PackageProblems.atEntry(file, control.name() + "/" + name, "ends after "
              + bytes.length + " of its " + entry.getSize() + " bytes (truncated)",
              PackageProblems.DAMAGED);
        }
        contents.put(name, bytes);
      }
    }
    byte[] controlFile = contents.get("control");
    if (controlFile == null) {
      throw PackageProblems.atByte(file, control.headerOffset(), "member '" + control.name()
          + "' has no control file", PackageProblems.DAMAGED);
    }
    ControlFields fields = ControlFields.parse(file + ": control",
        new String(controlFile, StandardCharsets.UTF_8));
    return new DebControl(fields, conffiles(file, contents.get("conffiles")),
        md5sums(file, contents.get("md5sums")), scripts(contents), data, dataCompression);
  }

  static TarArchiveEntry nextTarEntry(
      Path file, RegionInput raw, String what, TarArchiveInputStream tar) {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw PackageProblems.atByte(file, raw.position(), "the tar archive in " + what
          + " is damaged (" + e.getMessage() + ")", PackageProblems.DAMAGED, e);
    }
  }

  private static Set<String> conffiles(Path file, byte[] bytes) {
    Set<String> paths = new HashSet<>();
    if (bytes == null) {
      return paths;
    }
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty()) {
        continue;
      }
      // dpkg 1.20.1+: "remove-on-upgrade /etc/x" marks a conffile removed on upgrade.
      int space = entry.lastIndexOf(' ');
      String path = space >= 0 ? entry.substring(space + 1) : entry;
      if (!path.startsWith("/")) {
        throw PackageProblems.atEntry(file, "conffiles", "'" + entry + "' is not an absolute"
            + " path", PackageProblems.DAMAGED);
      }
      paths.add(PackagePaths.strip(path));
    }
    return paths;
  }

  private static Map<String, FileDigest> md5sums(Path file, byte[] bytes) {
    Map<String, FileDigest> digests = new HashMap<>();
    if (bytes == null) {
      return digests;
    }
    int lineNumber = 0;
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      int space = line.indexOf(' ');
      String hex = space < 0 ? line : line.substring(0, space);
      String path = space < 0 ? "" : PackagePaths.strip(line.substring(space).strip());
      try {
        digests.put(path, new FileDigest(DigestAlgorithm.MD5, hex));
      } catch (IllegalArgumentException e) {
        throw PackageProblems.atEntry(file, "md5sums", "line " + lineNumber + " is not 'MD5"
            + "  path'", PackageProblems.DAMAGED);
      }
    }
    return digests;
  }

  private static List<PackageScript> scripts(Map<String, byte[]> contents) {
    List<PackageScript> scripts = new ArrayList<>();
    String[] names = {"preinst", "postinst", "prerm", "postrm"};
    ScriptPhase[] phases = {ScriptPhase.PRE_INSTALL, ScriptPhase.POST_INSTALL,
        ScriptPhase.PRE_REMOVE, ScriptPhase.POST_REMOVE};
    for (int i = 0; i < names.length; i++) {
      byte[] bytes = contents.get(names[i]);
      if (bytes != null) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        String interpreter = "";
        if (body.startsWith("#!")) {
          int end = body.indexOf('\n');
          String line = body.substring(2, end < 0 ? body.length() : end).strip();
          interpreter = line.split("\\s+", 2)[0];
        }
        scripts.add(new PackageScript(phases[i], interpreter, body));
      }
    }
    return scripts;
  }

  /** The header part of the model: identity and relations from the control fields. */
  static PackageFile model(Path file, DebControl control, List<PackagedFile> files) {
    ControlFields fields = control.fields();
    String where = file + ": control field ";
    String name = requiredField(file, fields, "Package");
    if (!PACKAGE_NAME.matcher(name).matches()) {
      throw PackageProblems.of(file, "control field Package '" + name + "' is not a package"
          + " name", PackageProblems.DAMAGED);
    }
    PackageVersion version = PackageVersion.parseDebian(where + "Version",
        requiredField(file, fields, "Version"));
    String arch = requiredField(file, fields, "Architecture");
    // One reading of the relation fields for package control files and apt Packages stanzas.
    List<PackageRelation> provides = ControlRelations.provides(where, fields);
    List<Requirement> requires = ControlRelations.requires(where, fields);
    List<PackageRelation> conflicts = ControlRelations.conflicts(where, fields);
    return new PackageFile(file, PackageFormat.DEB, name, version, arch, provides, requires,
        conflicts, files, control.scripts(), control.dataCompression());
  }

  private static String requiredField(Path file, ControlFields fields, String field) {
    String value = fields.get(field).orElse("").strip();
    if (value.isEmpty()) {
      throw PackageProblems.of(file, "the control file has no " + field + " field",
          PackageProblems.DAMAGED);
    }
    return value;
  }
}
