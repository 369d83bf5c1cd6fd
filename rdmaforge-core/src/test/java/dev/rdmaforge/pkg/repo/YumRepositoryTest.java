package dev.rdmaforge.pkg.repo;

import static dev.rdmaforge.pkg.repo.RepoFixtures.filelists;
import static dev.rdmaforge.pkg.repo.RepoFixtures.primary;
import static dev.rdmaforge.pkg.repo.RepoFixtures.primaryPackage;
import static dev.rdmaforge.pkg.repo.RepoFixtures.sha256;
import static dev.rdmaforge.pkg.repo.RepoFixtures.writeYum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.Comparison;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.pkg.RelationQualifier;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * yum repositories as createrepo_c writes them for a RHEL kmod repository (a kmod package with
 * {@code kernel(sym) = 0xCRC}, {@code ksym()} and {@code kernel-uname-r} requirements), plus the
 * damaged and hostile variants a site meets: stale metadata, truncated downloads, entity attacks,
 * locations outside the repository.
 */
class YumRepositoryTest {
  @TempDir Path dir;

  static final String FORMAT = "    <rpm:provides>\n"
      + "      <rpm:entry name=\"kmod(mlx5_ib.ko)\"/>\n"
      + "      <rpm:entry name=\"kmod-mlnx\" flags=\"EQ\" epoch=\"1\" ver=\"5.8\" rel=\"1.el9\"/>\n"
      + "    </rpm:provides>\n"
      + "    <rpm:requires>\n"
      + "      <rpm:entry name=\"/usr/sbin/depmod\" pre=\"1\"/>\n"
      + "      <rpm:entry name=\"kernel(ib_register_device)\" flags=\"EQ\" epoch=\"0\""
      + " ver=\"0x1f2e3d4c\"/>\n"
      + "      <rpm:entry name=\"kernel-uname-r\" flags=\"EQ\" epoch=\"0\" ver=\"5.14.0\""
      + " rel=\"362.el9.x86_64\"/>\n"
      + "      <rpm:entry name=\"ksym(mlx_fn)\" flags=\"GE\" epoch=\"0\" ver=\"0xab\"/>\n"
      + "    </rpm:requires>\n"
      + "    <rpm:conflicts>\n"
      + "      <rpm:entry name=\"kmod-old\" flags=\"LT\" epoch=\"2\" ver=\"1.0\"/>\n"
      + "    </rpm:conflicts>\n"
      + "    <rpm:obsoletes>\n"
      + "      <rpm:entry name=\"kmod-older\"/>\n"
      + "    </rpm:obsoletes>\n"
      + "    <file>/etc/depmod.d/mlnx.conf</file>\n";

  private byte[] content = "not really an rpm".getBytes();

  private void writeRepo(String suffix) throws IOException {
    Files.createDirectories(dir.resolve("Packages"));
    Files.write(dir.resolve("Packages/kmod-mlnx-5.8-1.el9.x86_64.rpm"), content);
    String sum = sha256(content);
    String primary = primary(1, primaryPackage("kmod-mlnx", "1", "5.8", "1.el9", sum,
        "Packages/kmod-mlnx-5.8-1.el9.x86_64.rpm", content.length, FORMAT));
    String files = filelists(1, "<package pkgid=\"" + sum + "\" name=\"kmod-mlnx\""
        + " arch=\"x86_64\">\n  <version epoch=\"1\" ver=\"5.8\" rel=\"1.el9\"/>\n"
        + "  <file>/etc/depmod.d/mlnx.conf</file>\n"
        + "  <file type=\"dir\">/lib/modules/5.14.0-362.el9.x86_64/extra/mlnx</file>\n"
        + "  <file>/lib/modules/5.14.0-362.el9.x86_64/extra/mlnx/mlx5_ib.ko</file>\n"
        + "  <file type=\"ghost\">/var/lib/mlnx/state</file>\n"
        + "</package>\n");
    writeYum(dir, primary, files, suffix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".gz", ".zst", ".xz", ".bz2"})
  void open_kmodRepository_readsEveryField(String suffix) throws IOException {
    writeRepo(suffix);

    Repository repo = Repositories.open(dir);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.YUM);
    assertThat(repo.metadata()).hasSize(3);
    RepositoryPackage p = repo.packages().get(0);
    assertThat(p.name()).isEqualTo("kmod-mlnx");
    assertThat(p.version().toString()).isEqualTo("1:5.8-1.el9");
    assertThat(p.arch()).isEqualTo("x86_64");
    assertThat(p.file()).isEqualTo(dir.resolve("Packages/kmod-mlnx-5.8-1.el9.x86_64.rpm"));
    assertThat(p.checksum().orElseThrow().hex()).isEqualTo(sha256(content));
    assertThat(p.size()).isEqualTo(OptionalLong.of(content.length));
    assertThat(p.provides()).extracting(PackageRelation::toString)
        .containsExactly("kmod(mlx5_ib.ko)", "kmod-mlnx = 1:5.8-1.el9");
    assertThat(p.requires()).extracting(Requirement::toString).containsExactly(
        "/usr/sbin/depmod", "kernel(ib_register_device) = 0x1f2e3d4c",
        "kernel-uname-r = 5.14.0-362.el9.x86_64", "ksym(mlx_fn) >= 0xab");
    PackageRelation symbol = p.requires().get(1).first();
    assertThat(symbol.kind()).isEqualTo(RelationKind.KERNEL_SYMBOL);
    assertThat(symbol.symbolCrc()).isEqualTo(OptionalLong.of(0x1f2e3d4cL));
    assertThat(p.requires().get(0).first().qualifiers())
        .isEqualTo(Set.of(RelationQualifier.PREREQ));
    assertThat(p.conflicts()).containsExactly(
        PackageRelation.of("kmod-old", Comparison.LESS, "2:1.0"));
    assertThat(p.files().orElseThrow()).containsExactly(
        new RepositoryFile("etc/depmod.d/mlnx.conf", RepositoryFile.Kind.FILE),
        new RepositoryFile("lib/modules/5.14.0-362.el9.x86_64/extra/mlnx",
            RepositoryFile.Kind.DIR),
        new RepositoryFile("lib/modules/5.14.0-362.el9.x86_64/extra/mlnx/mlx5_ib.ko",
            RepositoryFile.Kind.FILE),
        new RepositoryFile("var/lib/mlnx/state", RepositoryFile.Kind.GHOST));
  }

  @Test
  void open_epochZero_isNoEpoch() throws IOException {
    String sum = sha256(content);
    Files.write(dir.resolve("a.rpm"), content);
    writeYum(dir, primary(1, primaryPackage("a", "0", "1.0", "1", sum, "a.rpm",
        content.length, "")), null, ".gz");

    RepositoryPackage p = Repositories.open(dir).packages().get(0);

    assertThat(p.version().epoch()).isEmpty();
    assertThat(p.files()).isEmpty();
  }

  @Test
  void open_repodataWithoutRepomd_namesTheMissingFile() throws IOException {
    Files.createDirectories(dir.resolve("repodata"));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining(dir.resolve("repodata/repomd.xml") + ": no such file")
        .hasMessageContaining("createrepo_c");
  }

  @Test
  void open_primaryReplaced_checksumMismatchNamesRepomdPlace() throws IOException {
    writeRepo(".gz");
    Path primary;
    try (var list = Files.list(dir.resolve("repodata"))) {
      primary = list.filter(f -> f.toString().endsWith("primary.xml.gz")).findFirst()
          .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(primary);
    bytes[bytes.length - 10] ^= 1;
    Files.write(primary, bytes);

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("repodata/repomd.xml") + ":4:")
        .hasMessageContaining(primary + " has checksum sha256:")
        .hasMessageContaining("repomd.xml says sha256:")
        .hasMessageContaining("rerun createrepo_c");
  }

  @Test
  void open_openChecksumWrong_isRefusedAfterReading() throws IOException {
    writeRepo(".gz");
    Path repomd = dir.resolve("repodata/repomd.xml");
    String text = Files.readString(repomd);
    String open = text.substring(text.indexOf("<open-checksum type=\"sha256\">") + 29);
    open = open.substring(0, 64);
    Files.writeString(repomd, text.replaceFirst(open, "0".repeat(64)));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("open-checksum says sha256:" + "0".repeat(64));
  }

  @Test
  void open_repomdWithEntity_isRefusedAsXxe() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), "root:x:0:0");
    Files.createDirectories(dir.resolve("repodata"));
    Files.writeString(dir.resolve("repodata/repomd.xml"), "<?xml version=\"1.0\"?>\n"
        + "<!DOCTYPE repomd [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>\n"
        + "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\">\n"
        + "  <revision>&xxe;</revision>\n</repomd>\n");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("repodata/repomd.xml") + ":2:")
        .hasMessageContaining("document type declaration")
        .hasMessageNotContaining("root:x");
  }

  @Test
  void open_badXml_givesLineAndColumn() throws IOException {
    Files.createDirectories(dir.resolve("repodata"));
    Files.writeString(dir.resolve("repodata/repomd.xml"),
        "<?xml version=\"1.0\"?>\n<repomd>\n  <data type=\"primary\">\n  </dat>\n</repomd>\n");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageMatching("(?s)" + java.util.regex.Pattern.quote(
            dir.resolve("repodata/repomd.xml").toString()) + ":4:\\d+: not well-formed XML.*");
  }

  @ParameterizedTest
  @ValueSource(strings = {".gz", ".zst", ".xz", ".bz2"})
  void open_truncatedPrimary_isNamedWithAnOffset(String suffix) throws IOException {
    writeRepo(suffix);
    Path primary;
    try (var list = Files.list(dir.resolve("repodata"))) {
      primary = list.filter(f -> f.toString().endsWith("primary.xml" + suffix)).findFirst()
          .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(primary);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    Files.write(primary, cut);
    // The metadata is rewritten to match the cut file, as a truncated copy of a repository
    // whose repomd.xml was regenerated would be: only the decoder can notice.
    Path repomd = dir.resolve("repodata/repomd.xml");
    String text = Files.readString(repomd)
        .replace("<checksum type=\"sha256\">" + sha256(bytes),
            "<checksum type=\"sha256\">" + sha256(cut))
        .replace("<size>" + bytes.length + "</size>", "<size>" + cut.length + "</size>");
    Files.writeString(repomd, text);

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(primary + ": byte ")
        .hasMessageContaining("truncated");
  }

  @Test
  void open_unknownCompression_isRefused() throws IOException {
    writeRepo(".gz");
    Path repomd = dir.resolve("repodata/repomd.xml");
    Files.writeString(repomd, Files.readString(repomd).replace("primary.xml.gz\"",
        "primary.xml.lz4\""));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("unknown compression")
        .hasMessageContaining("createrepo_c --compress-type gz");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside.rpm", "/etc/passwd", "Packages/../../outside.rpm",
      "http://example.com/x.rpm"})
  void open_locationOutsideTheRepository_isRefused(String href) throws IOException {
    String sum = sha256(content);
    writeYum(dir, primary(1, primaryPackage("a", "0", "1.0", "1", sum, href, 1, "")), null,
        ".gz");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("location '" + href + "'")
        .hasMessageContaining("regenerate the metadata inside the repository");
  }

  @Test
  void open_symlinkOutOfTheRepository_isRefused() throws IOException {
    Path outside = Files.write(dir.resolve("outside.rpm"), content);
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createSymbolicLink(repo.resolve("a.rpm"), outside);
    writeYum(repo, primary(1, primaryPackage("a", "0", "1.0", "1", sha256(content), "a.rpm",
        content.length, "")), null, ".gz");

    assertThatThrownBy(() -> Repositories.open(repo)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("symbolic link that leads out of the repository");
  }

  @Test
  void read_replacedPackage_namesMetadataFileAndBothChecksums() throws IOException {
    writeRepo(".gz");
    RepositoryPackage p = Repositories.open(dir).packages().get(0);
    Files.write(p.file(), "a different one!!".getBytes());

    assertThatThrownBy(p::read).isInstanceOf(UserInputException.class)
        .hasMessageContaining(p.listedIn().toString())
        .hasMessageContaining(p.file() + " has sha256:" + sha256("a different one!!".getBytes()))
        .hasMessageContaining("the metadata says sha256:" + sha256(content));
  }

  @Test
  void read_packageOfAnotherSize_isRefusedBeforeHashing() throws IOException {
    writeRepo(".gz");
    RepositoryPackage p = Repositories.open(dir).packages().get(0);
    Files.write(p.file(), "short".getBytes());

    assertThatThrownBy(p::read).isInstanceOf(UserInputException.class)
        .hasMessageContaining(p.file() + " has 5 bytes, the metadata says " + content.length);
  }

  @Test
  void open_packageCountDisagrees_isDamaged() throws IOException {
    writeYum(dir, primary(2, primaryPackage("a", "0", "1.0", "1", sha256(content), "a.rpm",
        1, "")), null, "");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("<metadata packages=\"2\">, but the file lists 1 packages");
  }

  @Test
  void open_filelistsWithoutThePackage_isInconsistent() throws IOException {
    writeYum(dir, primary(1, primaryPackage("a", "0", "1.0", "1", sha256(content), "a.rpm",
        1, "")), filelists(0, ""), "");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("has no entry in");
  }

  @Test
  void open_unknownFlags_namesThePlace() throws IOException {
    writeYum(dir, primary(1, primaryPackage("a", "0", "1.0", "1", sha256(content), "a.rpm", 1,
        "<rpm:requires><rpm:entry name=\"x\" flags=\"NE\" ver=\"1\"/></rpm:requires>\n")),
        null, "");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("flags=\"NE\" is none of EQ, LT, LE, GT, GE");
  }

  @Test
  void evr_isTheTextRpmPrints() {
    assertThat(YumRelations.evr("0", "0xbdfb6dbb", null)).isEqualTo("0xbdfb6dbb");
    assertThat(YumRelations.evr("0", "6.1.0", "56.amd64")).isEqualTo("6.1.0-56.amd64");
    assertThat(YumRelations.evr("1", "1.0", "1")).isEqualTo("1:1.0-1");
    assertThat(YumRelations.evr(null, null, null)).isEmpty();
  }
}
