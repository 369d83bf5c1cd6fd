package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DEB reader on hand-made packages shaped like a DKMS-built Debian module package
 * (mlnx-ofed-kernel-modules): control relations with alternatives, a modprobe.d conffile,
 * md5sums, a postinst running depmod, module files and links.
 */
class DebReaderTest {
  @TempDir Path dir;

  static TestDeb modulePackage() {
    TestDeb deb = new TestDeb();
    deb.dir("./lib/");
    deb.dir("./lib/modules/");
    deb.dir("./lib/modules/6.1.0-56-amd64/");
    deb.dir("./lib/modules/6.1.0-56-amd64/updates/");
    deb.file("./lib/modules/6.1.0-56-amd64/updates/mlx5_ib.ko", "\u007fELF mlx5_ib");
    deb.symlink("./lib/modules/6.1.0-56-amd64/updates/mlx5.ko", "mlx5_ib.ko");
    deb.hardlink("./lib/modules/6.1.0-56-amd64/updates/mlx5_ib_copy.ko",
        "./lib/modules/6.1.0-56-amd64/updates/mlx5_ib.ko");
    return deb;
  }

  private Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("modules.deb"), bytes);
  }

  @Test
  void readDeb_controlRelationsAndScripts() throws IOException {
    DebPackage deb = Packages.readDeb(write(modulePackage().build()));
    PackageFile pkg = deb.pkg();

    assertThat(pkg.format()).isEqualTo(PackageFormat.DEB);
    assertThat(pkg.label()).isEqualTo("rdmaforge-test-modules_1:2.0-1_amd64");
    assertThat(pkg.version().epoch()).isEqualTo(OptionalLong.of(1));
    assertThat(pkg.version().release()).isEqualTo("1");
    assertThat(pkg.requires()).extracting(Requirement::toString).containsExactly(
        "dpkg >= 1.19", "linux-image-6.1.0-56-amd64 | linux-image-amd64", "kmod >= 30");
    assertThat(pkg.requires().get(0).first().qualifiers())
        .containsExactly(RelationQualifier.PRE_DEPENDS);
    assertThat(pkg.provides()).extracting(PackageRelation::toString)
        .containsExactly("rdmaforge-kmod-provider = 2.0");
    assertThat(pkg.conflicts()).extracting(PackageRelation::toString)
        .containsExactly("old-modules < 2.0");
    assertThat(deb.control().get("description")).contains(
        "test modules\n built by TestDeb\n .\n for rdmaforge");
    assertThat(pkg.script(ScriptPhase.POST_INSTALL)).get()
        .extracting(PackageScript::interpreter).isEqualTo("/bin/sh");
  }

  @Test
  void readDeb_fileListWithTypesDigestsAndConffiles() throws IOException {
    PackageFile pkg = Packages.read(write(modulePackage().build()));

    assertThat(pkg.files()).extracting(PackagedFile::path).startsWith(
        "etc", "etc/modprobe.d", "etc/modprobe.d/rdmaforge.conf");
    PackagedFile conf = pkg.file("etc/modprobe.d/rdmaforge.conf").orElseThrow();
    assertThat(conf.config()).isTrue();
    assertThat(conf.digest()).get().extracting(FileDigest::algorithm)
        .isEqualTo(DigestAlgorithm.MD5);
    assertThat(conf.mode()).isEqualTo(0100644);
    assertThat(pkg.file("lib/modules/6.1.0-56-amd64/updates").orElseThrow().mode())
        .isEqualTo(040755);
    PackagedFile link = pkg.file("lib/modules/6.1.0-56-amd64/updates/mlx5.ko").orElseThrow();
    assertThat(link.type()).isEqualTo(FileType.SYMLINK);
    assertThat(link.linkTarget()).contains("mlx5_ib.ko");
    PackagedFile hard =
        pkg.file("lib/modules/6.1.0-56-amd64/updates/mlx5_ib_copy.ko").orElseThrow();
    assertThat(hard.type()).isEqualTo(FileType.HARDLINK);
    assertThat(hard.linkTarget()).contains("lib/modules/6.1.0-56-amd64/updates/mlx5_ib.ko");
    assertThat(hard.size()).isEqualTo(12);
  }

  static Stream<Arguments> compressions() {
    List<PayloadCompression> control = List.of(PayloadCompression.NONE, PayloadCompression.GZIP,
        PayloadCompression.XZ, PayloadCompression.ZSTD);
    return Stream.of(PayloadCompression.values()).flatMap(data -> control.stream()
        .filter(c -> c == data || c == PayloadCompression.XZ)
        .map(c -> Arguments.of(c, data)));
  }

  @ParameterizedTest(name = "control {0}, data {1}")
  @MethodSource("compressions")
  void extract_everyMemberCompression(PayloadCompression control, PayloadCompression data)
      throws IOException {
    TestDeb deb = modulePackage();
    deb.controlCompression = control;
    deb.dataCompression = data;
    Path file = write(deb.build());

    ExtractionResult result = Packages.extract(ExtractionRequest.of(file, dir.resolve("out")));

    assertThat(result.pkg().compression()).isEqualTo(data);
    Path module = dir.resolve("out/lib/modules/6.1.0-56-amd64/updates/mlx5_ib.ko");
    assertThat(Files.readString(module, StandardCharsets.UTF_8)).isEqualTo("\u007fELF mlx5_ib");
    assertThat(Files.readSymbolicLink(module.resolveSibling("mlx5.ko")))
        .isEqualTo(Path.of("mlx5_ib.ko"));
    assertThat(Files.isSameFile(module, module.resolveSibling("mlx5_ib_copy.ko"))).isTrue();
    assertThat(result.extracted()).hasSize(result.pkg().files().size());
  }

  @Test
  void extract_withExtraUnderscoreMember_skipsIt() throws IOException {
    TestDeb deb = modulePackage();
    deb.members = new Object[] {"debian-binary", null, "_gpgorigin", new byte[] {1, 2, 3},
        "control.tar.xz", null, "data.tar.xz", null};
    Path file = write(deb.build());

    assertThat(Packages.read(file).name()).isEqualTo("rdmaforge-test-modules");
  }
}
