package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The RPM reader on hand-made packages shaped like a RHEL kmod package (kmod-mlnx-ofa_kernel,
 * built by kmodtool): kernel(sym) and ksym requirements with CRCs, kmod() provides, a %config
 * depmod.d file, a hard-link set and a weak-updates style symbolic link.
 */
class RpmReaderTest {
  @TempDir Path dir;

  static TestRpm kmodPackage() {
    TestRpm rpm = new TestRpm();
    rpm.epoch = 2L;
    rpm.provide("kmod(mlx5_ib.ko)", 0, "");
    rpm.provide("kmod-test", 8, "2:1.0-1.el9");
    rpm.require("kernel(ib_register_device)", 8, "0x1f2e3d4c");
    rpm.require("ksym(provider_fn)", 8, "0xf96caa5e");
    rpm.require("kernel-uname-r", 8, "5.14.0-362.el9.x86_64");
    rpm.require("rpmlib(PayloadIsZstd)", (1 << 24) | 2 | 8, "5.4.18-1");
    rpm.require("/usr/sbin/depmod", 1 << 10, "");
    rpm.require("/bin/sh", (1 << 10) | (1 << 8), "");
    rpm.dir("lib/modules/5.14.0-362.el9.x86_64/extra/mlnx");
    rpm.file("lib/modules/5.14.0-362.el9.x86_64/extra/mlnx/mlx5_ib.ko", "\u007fELF module");
    rpm.symlink("lib/modules/5.14.0-362.el9.x86_64/weak-updates/mlx5_ib.ko",
        "../extra/mlnx/mlx5_ib.ko");
    rpm.file("etc/depmod.d/mlnx.conf", "override mlx5_ib * extra/mlnx\n").flags = 1 | 16;
    TestRpm.FileSpec a = rpm.file("usr/share/doc/kmod-test/a", "same");
    TestRpm.FileSpec b = rpm.file("usr/share/doc/kmod-test/b", "same");
    b.inode = a.inode;
    TestRpm.FileSpec ghost = rpm.file("var/lib/kmod-test.state", "");
    ghost.flags = 1 << 6;
    ghost.inPayload = false;
    rpm.postin = "/usr/sbin/weak-modules --add-modules\n";
    return rpm;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void read_kmodPackage_identityAndTypedRelations() throws IOException {
    Path file = write("kmod.rpm", kmodPackage().build());

    RpmPackage rpm = Packages.readRpm(file);
    PackageFile pkg = rpm.pkg();

    assertThat(pkg.format()).isEqualTo(PackageFormat.RPM);
    assertThat(pkg.label()).isEqualTo("kmod-test-2:1.0-1.el9.x86_64");
    assertThat(pkg.version().epoch()).isEqualTo(OptionalLong.of(2));
    assertThat(pkg.provides()).extracting(PackageRelation::toString)
        .containsExactly("kmod(mlx5_ib.ko)", "kmod-test = 2:1.0-1.el9");
    assertThat(pkg.provides().get(0).moduleFileName()).contains("mlx5_ib.ko");
    List<PackageRelation> requires =
        pkg.requires().stream().map(Requirement::first).toList();
    assertThat(requires).extracting(PackageRelation::kind).containsExactly(
        RelationKind.KERNEL_SYMBOL, RelationKind.KSYM, RelationKind.KERNEL_RELEASE,
        RelationKind.RPMLIB, RelationKind.FILE, RelationKind.FILE);
    assertThat(requires.get(0).symbol()).contains("ib_register_device");
    assertThat(requires.get(0).symbolCrc()).isEqualTo(OptionalLong.of(0x1f2e3d4cL));
    assertThat(requires.get(1).symbolCrc()).isEqualTo(OptionalLong.of(0xf96caa5eL));
    assertThat(requires.get(2).version()).isEqualTo("5.14.0-362.el9.x86_64");
    assertThat(requires.get(3).comparison()).isEqualTo(Comparison.LESS_OR_EQUAL);
    assertThat(requires.get(3).qualifiers()).containsExactly(RelationQualifier.RPMLIB);
    assertThat(requires.get(4).qualifiers()).containsExactly(RelationQualifier.POST);
    assertThat(requires.get(5).qualifiers())
        .containsExactlyInAnyOrder(RelationQualifier.POST, RelationQualifier.INTERP);
    assertThat(pkg.script(ScriptPhase.POST_INSTALL)).get()
        .extracting(PackageScript::interpreter).isEqualTo("/bin/sh");
    assertThat(rpm.header().string(RpmTags.NAME)).contains("kmod-test");
  }

  @Test
  void read_kmodPackage_fileList() throws IOException {
    Path file = write("kmod.rpm", kmodPackage().build());

    PackageFile pkg = Packages.read(file);

    assertThat(pkg.files()).extracting(PackagedFile::path).containsExactly(
        "lib/modules/5.14.0-362.el9.x86_64/extra/mlnx",
        "lib/modules/5.14.0-362.el9.x86_64/extra/mlnx/mlx5_ib.ko",
        "lib/modules/5.14.0-362.el9.x86_64/weak-updates/mlx5_ib.ko",
        "etc/depmod.d/mlnx.conf", "usr/share/doc/kmod-test/a", "usr/share/doc/kmod-test/b",
        "var/lib/kmod-test.state");
    assertThat(pkg.files()).extracting(PackagedFile::type).containsExactly(FileType.DIR,
        FileType.FILE, FileType.SYMLINK, FileType.FILE, FileType.HARDLINK, FileType.FILE,
        FileType.FILE);
    PackagedFile module = pkg.file("lib/modules/5.14.0-362.el9.x86_64/extra/mlnx/mlx5_ib.ko")
        .orElseThrow();
    assertThat(module.mode()).isEqualTo(0100644);
    assertThat(module.size()).isEqualTo(11);
    assertThat(module.digest()).get().extracting(FileDigest::algorithm)
        .isEqualTo(DigestAlgorithm.SHA256);
    assertThat(pkg.files().get(2).linkTarget()).contains("../extra/mlnx/mlx5_ib.ko");
    assertThat(pkg.file("etc/depmod.d/mlnx.conf").orElseThrow().config()).isTrue();
    assertThat(pkg.files().get(4).linkTarget()).contains("usr/share/doc/kmod-test/b");
    assertThat(pkg.files().get(6).ghost()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(PayloadCompression.class)
  void openPayload_everyCompressor_streamsContentInPayloadOrder(PayloadCompression compression)
      throws IOException {
    TestRpm rpm = kmodPackage();
    rpm.compression = compression;
    rpm.declareCompressor = compression != PayloadCompression.NONE;
    Path file = write("kmod.rpm", rpm.build());

    assertThat(Packages.read(file).compression()).isEqualTo(compression);
    try (PayloadReader payload = Packages.openPayload(file)) {
      Optional<PayloadEntry> first = payload.next();
      assertThat(first).get().extracting(e -> e.file().type()).isEqualTo(FileType.DIR);
      PayloadEntry module = payload.next().orElseThrow();
      assertThat(new String(module.content().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("\u007fELF module");
      int rest = 0;
      while (payload.next().isPresent()) {
        rest++;
      }
      assertThat(rest).isEqualTo(4); // link, config, hard-link member, holder (the ghost: none)
    }
  }

  @Test
  void read_legacyOldFilenamesAndNoDigestAlgo_usesMd5() throws IOException {
    TestRpm rpm = new TestRpm();
    rpm.file("lib/modules/x/extra/a.ko", "a");
    rpm.overrides.put(RpmTags.BASENAMES, null);
    rpm.overrides.put(RpmTags.DIRNAMES, null);
    rpm.overrides.put(RpmTags.DIRINDEXES, null);
    rpm.overrides.put(RpmTags.OLDFILENAMES, TestRpm.strings(List.of("/lib/modules/x/extra/a.ko")));
    rpm.overrides.put(RpmTags.FILEDIGESTALGO, null);
    rpm.overrides.put(RpmTags.FILEDIGESTS,
        TestRpm.strings(List.of(TestRpm.hex("MD5", "a".getBytes(StandardCharsets.UTF_8)))));
    Path file = write("old.rpm", rpm.build());

    PackageFile pkg = Packages.read(file);

    assertThat(pkg.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("lib/modules/x/extra/a.ko");
      assertThat(f.digest()).get().extracting(FileDigest::algorithm)
          .isEqualTo(DigestAlgorithm.MD5);
    });
    assertThat(Packages.extract(ExtractionRequest.of(file, dir.resolve("out"))).bytesWritten())
        .isEqualTo(1);
  }

  @Test
  void read_noFilesNoEpoch_metaPackage() throws IOException {
    TestRpm rpm = new TestRpm();
    rpm.require("kmod-test", 4 | 8, "1.0");
    Path file = write("meta.rpm", rpm.build());

    PackageFile pkg = Packages.read(file);

    assertThat(pkg.files()).isEmpty();
    assertThat(pkg.version().toString()).isEqualTo("1.0-1.el9");
    assertThat(pkg.requires().get(0).first().comparison())
        .isEqualTo(Comparison.GREATER_OR_EQUAL);
    assertThat(pkg.requires().get(0).first().qualifiers()).isEqualTo(Set.of());
  }
}
