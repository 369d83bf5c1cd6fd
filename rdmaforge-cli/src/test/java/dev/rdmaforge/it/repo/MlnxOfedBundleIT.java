package dev.rdmaforge.it.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rdmaforge.pkg.PackageInputs;
import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import dev.rdmaforge.testkit.repos.MlnxBundles;
import dev.rdmaforge.testkit.repos.YumRepos;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unpacked MLNX_OFED 5.x bundle as an image build gets it (RPMS/COMMON with the kernel
 * packages, MLNX_LIBS and UPSTREAM_LIBS linking shared packages to ../COMMON, .mlnx, distro,
 * .supported_kernels), filled with the test kit's real kmod RPMs: read from the package headers,
 * and again after {@code createrepo_c RPMS} (the repository mlnx_add_kernel_support.sh makes).
 */
class MlnxOfedBundleIT {
  @TempDir Path dir;

  private Path bundle() {
    BuiltPackages built = KmodPackages.forKernel(DebianKernels.newest61());
    Map<String, List<Path>> groups = new LinkedHashMap<>();
    groups.put("COMMON", List.of(built.rpm(KmodPackage.PROVIDER),
        built.rpm(KmodPackage.CONSUMERS)));
    groups.put("MLNX_LIBS", List.of(built.rpm(KmodPackage.IB_CLIENT),
        built.rpm(KmodPackage.PROVIDER)));
    groups.put("UPSTREAM_LIBS", List.of(built.rpm(KmodPackage.PROVIDER_V2)));
    return MlnxBundles.make(dir.resolve("MLNX_OFED_LINUX-23.10-2.1.3.1-debian12.1-x86_64"),
        "23.10-2.1.3.1", "debian12.1", List.of(DebianKernels.newest61().release(),
            DebianKernels.oldest61().release()), "RPMS", groups);
  }

  @Test
  void open_bundleOfPackageFiles_versionDistroKernelsAndGroups() {
    Path bundle = bundle();

    Repository repo = Repositories.open(bundle);

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.MLNX_OFED);
    BundleInfo info = repo.bundle().orElseThrow();
    assertThat(info.version()).isEqualTo("23.10-2.1.3.1");
    assertThat(info.distro()).isEqualTo("debian12.1");
    assertThat(info.supportedKernels()).containsExactly(DebianKernels.newest61().release(),
        DebianKernels.oldest61().release());
    assertThat(info.versionFile()).isEqualTo(bundle.resolve(".mlnx"));
    assertThat(repo.packages()).extracting(RepositoryPackage::group, RepositoryPackage::name)
        .containsExactly(
            tuple("COMMON", KmodPackage.CONSUMERS.rpmName()),
            tuple("COMMON", KmodPackage.PROVIDER.rpmName()),
            tuple("MLNX_LIBS", KmodPackage.IB_CLIENT.rpmName()),
            tuple("MLNX_LIBS", KmodPackage.PROVIDER.rpmName()),
            tuple("UPSTREAM_LIBS", KmodPackage.PROVIDER_V2.rpmName()));
    for (RepositoryPackage p : repo.packages()) {
      assertThat(p.read().name()).isEqualTo(p.name());
      assertThat(p.files().orElseThrow()).isNotEmpty();
    }
    // The provider linked into MLNX_LIBS is one file: given once.
    assertThat(PackageInputs.expand(List.of(bundle))).hasSize(4);
  }

  @Test
  void open_bundleWithCreaterepoOverRpms_groupsFromTheLocations() {
    Path bundle = bundle();
    YumRepos.createrepo(bundle.resolve("RPMS"), "gz");

    Repository repo = Repositories.open(bundle);

    assertThat(repo.metadata()).contains(bundle.resolve("RPMS/repodata/repomd.xml"));
    assertThat(repo.packages()).extracting(RepositoryPackage::group, RepositoryPackage::name)
        .containsExactlyInAnyOrder(
            tuple("COMMON", KmodPackage.CONSUMERS.rpmName()),
            tuple("COMMON", KmodPackage.PROVIDER.rpmName()),
            tuple("MLNX_LIBS", KmodPackage.IB_CLIENT.rpmName()),
            tuple("MLNX_LIBS", KmodPackage.PROVIDER.rpmName()),
            tuple("UPSTREAM_LIBS", KmodPackage.PROVIDER_V2.rpmName()));
    for (RepositoryPackage p : repo.packages()) {
      assertThat(p.read().name()).isEqualTo(p.name());
    }
  }
}
