package dev.rdmaforge.testkit.repos;

import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yum repositories made for real with {@code createrepo_c} over a directory of RPMs. Debian 12's
 * createrepo_c 0.17.3 writes gz, xz and bz2 metadata but not zstd (its build lacks it); {@link
 * #recompressZstd} turns primary and filelists into {@code .xml.zst} with the {@code zstd} tool
 * and rewrites their repomd.xml entries (location, checksum, size; open-checksum and open-size
 * stay, the content is the same) as createrepo_c 1.x, Fedora's and RHEL 10's default, writes
 * them.
 */
public final class YumRepos {
  private YumRepos() {}

  /**
   * Runs {@code createrepo_c --general-compress-type TYPE DIR} (TYPE {@code gz}, {@code xz} or
   * {@code bz2}; {@code zstd} is made with {@link #recompressZstd}).
   */
  public static void createrepo(Path dir, String type) {
    Path tool = Tools.require("createrepo_c", "createrepo-c");
    if (type.equals("zstd")) {
      Processes.runChecked(dir, List.of(tool.toString(), "--no-database", ".")).stdout();
      recompressZstd(dir);
      return;
    }
    Processes.runChecked(dir, List.of(tool.toString(), "--no-database",
        "--general-compress-type", type, "."));
  }

  /** Rewrites primary and filelists of the gz repository in {@code dir} as zstd. */
  public static void recompressZstd(Path dir) {
    Path zstd = Tools.require("zstd", "zstd");
    Path repomd = dir.resolve("repodata/repomd.xml");
    try {
      String text = Files.readString(repomd);
      for (String type : List.of("primary", "filelists", "other")) {
        Matcher m = Pattern.compile("(?s)<data type=\"" + type + "\">.*?</data>").matcher(text);
        if (!m.find()) {
          continue;
        }
        String entry = m.group();
        Matcher href = Pattern.compile("href=\"(repodata/[^\"]+\\.xml\\.gz)\"").matcher(entry);
        if (!href.find()) {
          throw new IllegalStateException("no gz location in " + entry);
        }
        Path gz = dir.resolve(href.group(1));
        Path xml = dir.resolve("repodata/" + type + ".xml");
        Processes.runChecked(dir, List.of("sh", "-c", "gzip -dc '" + gz + "' > '" + xml + "'"));
        Path tmp = dir.resolve("repodata/" + type + ".xml.zst");
        Processes.runChecked(dir, List.of(zstd.toString(), "-q", "-19", "--rm", "-f",
            xml.toString(), "-o", tmp.toString()));
        byte[] bytes = Files.readAllBytes(tmp);
        String sum = sha256(bytes);
        Path zst = dir.resolve("repodata/" + sum + "-" + type + ".xml.zst");
        Files.move(tmp, zst);
        Files.delete(gz);
        String rewritten = entry
            .replaceFirst("<checksum type=\"sha256\">[0-9a-f]+</checksum>",
                "<checksum type=\"sha256\">" + sum + "</checksum>")
            .replace(href.group(1), "repodata/" + zst.getFileName())
            .replaceFirst("<size>\\d+</size>", "<size>" + bytes.length + "</size>");
        text = text.replace(entry, rewritten);
      }
      Files.writeString(repomd, text);
    } catch (IOException e) {
      throw new UncheckedIOException("could not recompress " + dir, e);
    }
  }

  /** The file a {@code <data type="TYPE">} entry of {@code dir}'s repomd.xml names. */
  public static Path metadataFile(Path dir, String type) {
    try {
      String text = Files.readString(dir.resolve("repodata/repomd.xml"));
      Matcher m = Pattern.compile("(?s)<data type=\"" + type + "\">.*?href=\"([^\"]+)\"")
          .matcher(text);
      if (!m.find()) {
        throw new IllegalStateException("no " + type + " in " + dir);
      }
      return dir.resolve(m.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
