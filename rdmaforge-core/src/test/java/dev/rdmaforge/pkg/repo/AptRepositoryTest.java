package dev.rdmaforge.pkg.repo;

import static dev.rdmaforge.pkg.repo.RepoFixtures.compress;
import static dev.rdmaforge.pkg.repo.RepoFixtures.sha256;
import static dev.rdmaforge.pkg.repo.RepoFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageRelation;
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
 * apt repositories as sites make them for DKMS-style module packages: {@code dpkg-scanpackages .
 * > Packages} next to the .debs (plain, gzip, xz), and the archive form with {@code pool/} and a
 * Release file, as MLNX_OFED's DEBS/ and reprepro mirrors have.
 */
class AptRepositoryTest {
  @TempDir Path dir;

  private final byte[] deb = utf8("not really a deb");

  private String stanza(String filename) {
    return "Package: mlnx-ofed-kernel-modules\n"
        + "Version: 1:23.10-OFED.23.10.2.1.3.1-1\n"
        + "Architecture: amd64\n"
        + "Maintainer: Mellanox <support@mellanox.com>\n"
        + "Pre-Depends: dpkg (>= 1.19)\n"
        + "Depends: linux-image-6.1.0-56-amd64 | linux-image-amd64, kmod, mlnx-tools (>> 5.2)\n"
        + "Provides: mlnx-ofed-kernel-modules-6.1 (= 23.10), ib-modules\n"
        + "Conflicts: mlnx-ofed-kernel-dkms\n"
        + "Breaks: old-mlnx (<< 5.0)\n"
        + "Filename: " + filename + "\n"
        + "Size: " + deb.length + "\n"
        + "MD5sum: 0123456789abcdef0123456789abcdef\n"
        + "SHA256: " + sha256(deb) + "\n"
        + "Description: modules\n"
        + " for the kernel.\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".gz", ".xz", ".zst", ".bz2"})
  void open_flatRepository_readsEveryField(String suffix) throws IOException {
    Files.write(dir.resolve("m.deb"), deb);
    Files.write(dir.resolve("Packages" + suffix), compress(suffix, utf8(stanza("./m.deb")
        + "\n" + stanza("./m.deb").replace("Package: mlnx-ofed-kernel-modules",
            "Package: second"))));

    Repository repo = Repositories.open(dir);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.APT);
    assertThat(repo.metadata()).containsExactly(dir.resolve("Packages" + suffix));
    assertThat(repo.packages()).extracting(RepositoryPackage::name)
        .containsExactly("mlnx-ofed-kernel-modules", "second");
    RepositoryPackage p = repo.packages().get(0);
    assertThat(p.format()).isEqualTo(PackageFormat.DEB);
    assertThat(p.version().toString()).isEqualTo("1:23.10-OFED.23.10.2.1.3.1-1");
    assertThat(p.version().release()).isEqualTo("1");
    assertThat(p.arch()).isEqualTo("amd64");
    assertThat(p.file()).isEqualTo(dir.resolve("m.deb"));
    assertThat(p.location()).isEqualTo("./m.deb");
    assertThat(p.size()).isEqualTo(OptionalLong.of(deb.length));
    assertThat(p.checksum().orElseThrow().toString()).isEqualTo("sha256:" + sha256(deb));
    assertThat(p.provides()).extracting(PackageRelation::toString)
        .containsExactly("mlnx-ofed-kernel-modules-6.1 = 23.10", "ib-modules");
    assertThat(p.requires()).extracting(Requirement::toString).containsExactly(
        "dpkg >= 1.19", "linux-image-6.1.0-56-amd64 | linux-image-amd64", "kmod",
        "mlnx-tools > 5.2");
    assertThat(p.requires().get(0).first().qualifiers())
        .isEqualTo(Set.of(RelationQualifier.PRE_DEPENDS));
    assertThat(p.conflicts()).extracting(PackageRelation::toString)
        .containsExactly("mlnx-ofed-kernel-dkms", "old-mlnx < 5.0");
    assertThat(p.files()).isEmpty();
  }

  @Test
  void open_stanzaWithoutFilename_namesItsLine() throws IOException {
    Files.writeString(dir.resolve("Packages"), stanza("./m.deb") + "\n\n"
        + stanza("./m.deb").replace("Filename: ./m.deb\n", ""));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("Packages") + ":18: the stanza of package"
            + " 'mlnx-ofed-kernel-modules' has no Filename field")
        .hasMessageContaining("dpkg-scanpackages");
  }

  @Test
  void open_brokenFieldLine_isPlacedInTheWholeFile() throws IOException {
    Files.writeString(dir.resolve("Packages"), stanza("./m.deb") + "\n"
        + "Package: x\nVersion 1.0\n");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("Packages") + ":18:");
  }

  @Test
  void open_badRelation_namesPackageAndField() throws IOException {
    Files.writeString(dir.resolve("Packages"),
        stanza("./m.deb").replace("kmod, mlnx-tools", "kmod,, mlnx-tools"));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining(dir.resolve("Packages") + ":1: package 'mlnx-ofed-kernel-modules':"
            + " field Depends");
  }

  @Test
  void open_filenameOutsideTheRepository_isRefused() throws IOException {
    Files.writeString(dir.resolve("Packages"), stanza("../../etc/m.deb"));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("location '../../etc/m.deb' leads out of the repository");
  }

  @Test
  void open_truncatedGzip_isNamed() throws IOException {
    byte[] gz = compress(".gz", utf8(stanza("./m.deb").repeat(1)));
    Files.write(dir.resolve("Packages.gz"), java.util.Arrays.copyOf(gz, gz.length - 12));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("Packages.gz") + ": byte ")
        .hasMessageContaining("truncated");
  }

  @Test
  void open_distsAndPool_resolvesAgainstTheArchiveRoot() throws IOException {
    Path pool = Files.createDirectories(dir.resolve("pool/main/m"));
    Files.write(pool.resolve("m.deb"), deb);
    Path binary = Files.createDirectories(dir.resolve("dists/bookworm/main/binary-amd64"));
    byte[] packages = compress(".xz", utf8(stanza("pool/main/m/m.deb")));
    Files.write(binary.resolve("Packages.xz"), packages);
    Files.writeString(dir.resolve("dists/bookworm/Release"), "Origin: site\nSuite: bookworm\n"
        + "SHA256:\n " + sha256(packages) + " " + packages.length
        + " main/binary-amd64/Packages.xz\n");

    Repository repo = Repositories.open(dir);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.APT);
    assertThat(repo.metadata()).containsExactly(dir.resolve("dists/bookworm/Release"),
        binary.resolve("Packages.xz"));
    assertThat(repo.packages().get(0).file()).isEqualTo(pool.resolve("m.deb"));
  }

  @Test
  void open_indexChangedAfterRelease_isStale() throws IOException {
    Path binary = Files.createDirectories(dir.resolve("dists/bookworm/main/binary-amd64"));
    Files.writeString(binary.resolve("Packages"), stanza("pool/m.deb"));
    Files.writeString(dir.resolve("dists/bookworm/Release"), "Suite: bookworm\nSHA256:\n "
        + "0".repeat(64) + " " + Files.size(binary.resolve("Packages"))
        + " main/binary-amd64/Packages\n");

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageContaining("the Release file says sha256:" + "0".repeat(64))
        .hasMessageContaining("apt-ftparchive release");
  }

  @Test
  void read_replacedDeb_isRefused() throws IOException {
    Files.write(dir.resolve("m.deb"), deb);
    Files.writeString(dir.resolve("Packages"), stanza("./m.deb"));
    RepositoryPackage p = Repositories.open(dir).packages().get(0);
    Files.write(p.file(), utf8("NOT really a deb"));

    assertThatThrownBy(p::read).isInstanceOf(UserInputException.class)
        .hasMessageContaining(dir.resolve("Packages") + ": package './m.deb': ")
        .hasMessageContaining("the metadata says sha256:" + sha256(deb));
  }
}
