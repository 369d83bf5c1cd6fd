package dev.rdmaforge.image.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.PayloadCompression;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which packages of a rebuilt MLNX_OFED-like bundle go into an image: the build output holds the
 * kernel packages of every target kernel side by side (1.kver.6.1.0-47 and 1.kver.6.1.0-56), user
 * space once, and a meta package naming a group, as mlnx-ofed-hypervisor does.
 */
class StackPackagesTest {
  private static final String R56 = "6.1.0-56-amd64";
  private static final String R47 = "6.1.0-47-amd64";

  private static PackageFile deb(String name, String version, List<String> depends,
      String... files) {
    List<PackagedFile> list = new ArrayList<>();
    for (String f : files) {
      list.add(new PackagedFile(f, FileType.FILE, PackagedFile.S_IFREG | 0644, 1,
          Optional.empty(), Optional.empty(), false, false));
    }
    List<Requirement> req = new ArrayList<>();
    for (String d : depends) {
      req.add(new Requirement(List.of(PackageRelation.of(d))));
    }
    return new PackageFile(Path.of(name + ".deb"), PackageFormat.DEB, name,
        PackageVersion.parseDebian("test", version), "amd64", List.of(), req, List.of(), list,
        List.of(), PayloadCompression.XZ);
  }

  private final List<PackageFile> output = List.of(
      deb("ofa-like-modules", "1.0-1.kver." + R47, List.of(),
          "lib/modules/" + R47 + "/updates/ofa-like/ofa_core.ko"),
      deb("ofa-like-modules", "1.0-1.kver." + R56, List.of(),
          "lib/modules/" + R56 + "/updates/ofa-like/ofa_core.ko",
          "lib/modules/" + R56 + "/updates/ofa-like/ofa-compat.ko.xz"),
      deb("knem-like-modules", "1.0-1.kver." + R56, List.of(),
          "lib/modules/" + R56 + "/updates/knem-like/knem_like.ko"),
      deb("lustre-like-modules", "1.0-1.kver." + R56, List.of("ofa-like-modules", "libofa-like"),
          "lib/modules/" + R56 + "/updates/lustre-like/ko2iblnd_like.ko"),
      deb("libofa-like", "1.0-1", List.of("libc6"), "usr/lib/libofa.so.1"),
      deb("ofed-like-hypervisor", "1.0-1", List.of("ofa-like-modules", "knem-like-modules")));

  @Test
  void withoutGroup_everyKernelPackageOfTheImagesKernel_andWhatTheyNeed() {
    StackPackages.Selection s = StackPackages.choose(output, PackageFormat.DEB, R56,
        Optional.empty(), "out");
    assertThat(s.packages()).extracting(p -> p.name() + " " + p.version()).containsExactly(
        "knem-like-modules 1.0-1.kver." + R56, "libofa-like 1.0-1",
        "lustre-like-modules 1.0-1.kver." + R56, "ofa-like-modules 1.0-1.kver." + R56);
    assertThat(s.moduleNames()).containsExactly("knem_like", "ko2iblnd_like", "ofa_compat",
        "ofa_core");
    assertThat(s.otherKernels()).containsExactly(R47);
  }

  @Test
  void group_isTheMetaPackageAndItsDependencies_only() {
    StackPackages.Selection s = StackPackages.choose(output, PackageFormat.DEB, R56,
        Optional.of("ofed-like-hypervisor"), "out");
    assertThat(s.packages()).extracting(PackageFile::name).containsExactly("knem-like-modules",
        "ofa-like-modules", "ofed-like-hypervisor");
  }

  @Test
  void noBuildForTheImagesKernel_isAFailureNamingTheKernelsThereAre() {
    assertThatThrownBy(() -> StackPackages.choose(output.subList(0, 1), PackageFormat.DEB, R56,
        Optional.empty(), "out")).isInstanceOf(ApplyFailure.class)
        .hasMessageContaining("built for [" + R47 + "]")
        .hasMessageContaining("add " + R56 + " to the stack's kernels");
  }

  @Test
  void unknownGroup_isAnInputError() {
    assertThatThrownBy(() -> StackPackages.choose(output, PackageFormat.DEB, R56,
        Optional.of("mlnx-ofed-hypervisor"), "out")).isInstanceOf(UserInputException.class)
        .hasMessageContaining("no package mlnx-ofed-hypervisor");
  }
}
