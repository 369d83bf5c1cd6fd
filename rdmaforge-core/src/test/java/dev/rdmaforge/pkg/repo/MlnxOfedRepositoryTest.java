package dev.rdmaforge.pkg.repo;

import static dev.rdmaforge.pkg.repo.RepoFixtures.primary;
import static dev.rdmaforge.pkg.repo.RepoFixtures.primaryPackage;
import static dev.rdmaforge.pkg.repo.RepoFixtures.sha256;
import static dev.rdmaforge.pkg.repo.RepoFixtures.writeYum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacked MLNX_OFED bundle of an HPC image build (MLNX_OFED_LINUX-23.10-2.1.3.1-rhel9.3):
 * version, distro and supported kernels, and the group each package comes from. Packages with
 * their own headers are covered by MlnxOfedBundleIT; here RPMS/ carries yum metadata over its
 * groups, as {@code createrepo RPMS} makes it.
 */
class MlnxOfedRepositoryTest {
  @TempDir Path dir;

  @Test
  void open_bundleWithIndexedRpms_reportsBundleAndGroups() throws IOException {
    Files.writeString(dir.resolve(".mlnx"), "23.10-2.1.3.1\n");
    Files.writeString(dir.resolve("distro"), "rhel9.3\n");
    Files.writeString(dir.resolve(".supported_kernels"),
        "5.14.0-362.8.1.el9_3.x86_64\n\n5.14.0-362.24.1.el9_3.x86_64\n");
    Path rpms = Files.createDirectories(dir.resolve("RPMS"));
    byte[] a = "kernel modules".getBytes();
    byte[] b = "libibverbs".getBytes();
    Files.createDirectories(rpms.resolve("COMMON"));
    Files.createDirectories(rpms.resolve("MLNX_LIBS"));
    Files.write(rpms.resolve("COMMON/kmod-mlnx-ofa_kernel.rpm"), a);
    Files.write(rpms.resolve("MLNX_LIBS/libibverbs.rpm"), b);
    writeYum(rpms, primary(2,
        primaryPackage("kmod-mlnx-ofa_kernel", "0", "23.10", "OFED.23.10.2.1.3.1.rhel9u3",
            sha256(a), "COMMON/kmod-mlnx-ofa_kernel.rpm", a.length, "")
        + primaryPackage("libibverbs", "0", "2307mlnx47", "1.2310213", sha256(b),
            "MLNX_LIBS/libibverbs.rpm", b.length, "")), null, ".gz");

    Repository repo = Repositories.open(dir);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.MLNX_OFED);
    BundleInfo bundle = repo.bundle().orElseThrow();
    assertThat(bundle.version()).isEqualTo("23.10-2.1.3.1");
    assertThat(bundle.distro()).isEqualTo("rhel9.3");
    assertThat(bundle.supportedKernels()).containsExactly("5.14.0-362.8.1.el9_3.x86_64",
        "5.14.0-362.24.1.el9_3.x86_64");
    assertThat(bundle.packageDir()).isEqualTo(rpms);
    assertThat(repo.packages()).extracting(RepositoryPackage::name, RepositoryPackage::group)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("kmod-mlnx-ofa_kernel", "COMMON"),
            org.assertj.core.groups.Tuple.tuple("libibverbs", "MLNX_LIBS"));
    assertThat(repo.metadata()).contains(rpms.resolve("repodata/repomd.xml"));
  }

  @Test
  void open_emptyVersionFile_isRefused() throws IOException {
    Files.writeString(dir.resolve("mlnx"), "\n");
    Files.createDirectories(dir.resolve("DEBS"));

    assertThatThrownBy(() -> Repositories.open(dir)).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(dir.resolve("mlnx") + ":1: the bundle's version file is empty");
  }

  @Test
  void groupOf_firstDirectoryOfTheLocation() {
    assertThat(MlnxOfedBundles.groupOf("COMMON/x.rpm")).isEqualTo("COMMON");
    assertThat(MlnxOfedBundles.groupOf("./UPSTREAM_LIBS/y.deb")).isEqualTo("UPSTREAM_LIBS");
    assertThat(MlnxOfedBundles.groupOf("x.rpm")).isEmpty();
  }
}
