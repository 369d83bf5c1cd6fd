package dev.rdmaforge.kabi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small rules of the matrix: arguments, placements, cell verdicts, shared trees. */
class KabiBasicsTest {
  @TempDir Path dir;

  @Test
  void aKernelArgumentMayNameItsRelease() {
    KernelInput named = KernelInput.parse("6.1.0-56-amd64=/srv/kabi/Module.symvers");
    assertThat(named.release()).isEqualTo("6.1.0-56-amd64");
    assertThat(named.file()).isEqualTo(Path.of("/srv/kabi/Module.symvers"));
    // An '=' inside a path is part of the path.
    KernelInput path = KernelInput.parse("/srv/a=b/Module.symvers");
    assertThat(path.release()).isNull();
    assertThat(path.file()).isEqualTo(Path.of("/srv/a=b/Module.symvers"));
    assertThat(KernelInput.parse("symvers-5.14.0-362.el9.x86_64.gz").release()).isNull();
  }

  @Test
  void aHeaderTreesReleaseIsUtsReleaseNotDebiansKernelRelease() throws Exception {
    // linux-headers-6.1.0-47-amd64 writes the upstream version into kernel.release.
    Path tree = Files.createDirectories(dir.resolve("linux-headers-6.1.0-47-amd64"));
    Files.createDirectories(tree.resolve("include/config"));
    Files.writeString(tree.resolve("include/config/kernel.release"), "6.1.170\n");
    assertThat(KernelLoader.treeRelease(tree)).isEqualTo("6.1.170");
    Files.createDirectories(tree.resolve("include/generated"));
    Files.writeString(tree.resolve("include/generated/utsrelease.h"),
        "#define UTS_RELEASE \"6.1.0-47-amd64\"\n");
    assertThat(KernelLoader.treeRelease(tree)).isEqualTo("6.1.0-47-amd64");
  }

  @Test
  void aModuleBuiltForAnotherKernelGoesToWeakUpdates() {
    // RHEL's weak-modules: /lib/modules/A/extra/mlnx-ofa_kernel/x.ko -> B/weak-updates/mlnx-ofa_kernel/x.ko
    PackagedModule m = new PackagedModule("mlx5_ib",
        "lib/modules/5.14.0-362.el9.x86_64/extra/mlnx-ofa_kernel/drivers/mlx5_ib.ko",
        "5.14.0-362.el9.x86_64", "extra/mlnx-ofa_kernel/drivers/mlx5_ib.ko", dir, null);
    assertThat(m.placement("5.14.0-362.el9.x86_64"))
        .isEqualTo("extra/mlnx-ofa_kernel/drivers/mlx5_ib.ko");
    assertThat(m.placement("5.14.0-427.el9.x86_64"))
        .isEqualTo("weak-updates/mlnx-ofa_kernel/drivers/mlx5_ib.ko");
  }

  private static KabiModule module(String name, String verdict) {
    return new KabiModule(name, "extra/" + name + ".ko", verdict, List.of(), verdict, null,
        List.of());
  }

  @Test
  void theCellVerdictIsTheFirstOwnFailureInTheKernelsOrder() {
    assertThat(KabiMatrixBuilder.cellVerdict(List.of(module("a", "loads")), false))
        .isEqualTo("loads");
    assertThat(KabiMatrixBuilder.cellVerdict(List.of(module("a", "loads")), true))
        .isEqualTo("loads-via-weak-updates");
    // consumer's CRC disagreement decides, not top's blocked load or middle's unknown symbol.
    assertThat(KabiMatrixBuilder.cellVerdict(List.of(module("top", "dependency-failed"),
        module("middle", "unknown-symbol"), module("consumer", "symbol-version-mismatch")),
        false)).isEqualTo("symbol-version-mismatch");
    // Only blocked: a provider from another package failed.
    assertThat(KabiMatrixBuilder.cellVerdict(List.of(module("consumer", "dependency-failed")),
        true)).isEqualTo("dependency-failed");
  }

  @Test
  void onlyLinesAboutTheirOwnModulesLetPackagesShareATree() throws Exception {
    Path overrides = Files.writeString(dir.resolve("kmod.conf"),
        "# kmodtool\noverride mlx5_core * extra/mlnx-ofa_kernel\n\n");
    Path search = Files.writeString(dir.resolve("search.conf"), "search extra built-in\n");
    Path options = Files.writeString(dir.resolve("mlx.conf"), "options mlx5_core prof_sel=2\n");
    Path blacklist = Files.writeString(dir.resolve("bl.conf"), "blacklist ib_qib\n");
    assertThat(ConfigLines.onlyLocal("etc/depmod.d/kmod.conf", overrides)).isTrue();
    assertThat(ConfigLines.onlyLocal("etc/depmod.d/search.conf", search)).isFalse();
    assertThat(ConfigLines.onlyLocal("etc/modprobe.d/mlx.conf", options)).isTrue();
    assertThat(ConfigLines.onlyLocal("etc/modprobe.d/bl.conf", blacklist)).isFalse();
    // An override line in modprobe.d is not modprobe's: treat it as global.
    assertThat(ConfigLines.onlyLocal("etc/modprobe.d/kmod.conf", overrides)).isFalse();
  }
}
