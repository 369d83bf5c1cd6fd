package dev.rdmaforge.pkg.repo;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes small repositories the way createrepo_c and dpkg-scanpackages lay them out: metadata
 * files named by their checksum, repomd.xml with checksum, open-checksum, size and open-size.
 */
final class RepoFixtures {
  private RepoFixtures() {}

  /** {@code data} compressed with {@code suffix} ({@code ""}, .gz, .zst, .xz, .bz2). */
  static byte[] compress(String suffix, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out;
    switch (suffix) {
      case "":
        return data;
      case ".gz":
        out = new GZIPOutputStream(bytes);
        break;
      case ".zst":
        out = new ZstdOutputStream(bytes);
        break;
      case ".xz":
        out = new XZOutputStream(bytes, new LZMA2Options());
        break;
      case ".bz2":
        out = new BZip2CompressorOutputStream(bytes);
        break;
      default:
        throw new IllegalArgumentException(suffix);
    }
    out.write(data);
    out.close();
    return bytes.toByteArray();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A repomd {@code <data>} entry for a file written below {@code repodata/}. */
  static String writeData(Path root, String type, String xml, String suffix) throws IOException {
    byte[] open = utf8(xml);
    byte[] stored = compress(suffix, open);
    String name = sha256(stored) + "-" + type + ".xml" + suffix;
    Files.createDirectories(root.resolve("repodata"));
    Files.write(root.resolve("repodata").resolve(name), stored);
    return "  <data type=\"" + type + "\">\n"
        + "    <checksum type=\"sha256\">" + sha256(stored) + "</checksum>\n"
        + "    <open-checksum type=\"sha256\">" + sha256(open) + "</open-checksum>\n"
        + "    <location href=\"repodata/" + name + "\"/>\n"
        + "    <timestamp>1700000000</timestamp>\n"
        + "    <size>" + stored.length + "</size>\n"
        + "    <open-size>" + open.length + "</open-size>\n"
        + "  </data>\n";
  }

  /** Writes repomd.xml, primary and filelists (both compressed with {@code suffix}). */
  static void writeYum(Path root, String primary, String filelists, String suffix)
      throws IOException {
    String repomd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\""
        + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n"
        + "  <revision>1700000000</revision>\n"
        + writeData(root, "primary", primary, suffix)
        + (filelists == null ? "" : writeData(root, "filelists", filelists, suffix))
        + "</repomd>\n";
    Files.writeString(root.resolve("repodata/repomd.xml"), repomd);
  }

  /** One primary.xml package, as createrepo_c writes it; {@code body} goes into format. */
  static String primaryPackage(String name, String epoch, String ver, String rel,
      String checksum, String href, long size, String format) {
    return "<package type=\"rpm\">\n"
        + "  <name>" + name + "</name>\n"
        + "  <arch>x86_64</arch>\n"
        + "  <version epoch=\"" + epoch + "\" ver=\"" + ver + "\" rel=\"" + rel + "\"/>\n"
        + "  <checksum type=\"sha256\" pkgid=\"YES\">" + checksum + "</checksum>\n"
        + "  <summary>test</summary>\n  <description>test</description>\n"
        + "  <packager></packager>\n  <url></url>\n"
        + "  <time file=\"1\" build=\"1\"/>\n"
        + "  <size package=\"" + size + "\" installed=\"1\" archive=\"1\"/>\n"
        + "  <location href=\"" + href + "\"/>\n"
        + "  <format>\n" + format + "  </format>\n"
        + "</package>\n";
  }

  static String primary(int count, String packages) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<metadata xmlns=\"http://linux.duke.edu/metadata/common\""
        + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"" + count + "\">\n"
        + packages + "</metadata>\n";
  }

  static String filelists(int count, String packages) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<filelists xmlns=\"http://linux.duke.edu/metadata/filelists\" packages=\"" + count
        + "\">\n" + packages + "</filelists>\n";
  }
}
