package dev.rdmaforge.build.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.PackageFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source package's name from a SOURCERPM tag, as step ids and labels use it. */
class KernelPackageGroupTest {
  @Test
  void sourceName_stripsVersionAndRelease() {
    assertThat(group("ofa-like-1.0-1.src.rpm").sourceName()).isEqualTo("ofa-like");
    assertThat(group("mlnx-ofa_kernel-23.10-OFED.23.10.2.1.3.1.src.rpm").sourceName())
        .isEqualTo("mlnx-ofa_kernel");
    assertThat(group("knem-1.1.4.90mlnx3-OFED.23.10.0.2.1.1.src.rpm").sourceName())
        .isEqualTo("knem");
  }

  @Test
  void isModule_compressedAndUsrLib() {
    assertThat(KernelPackageGroups.isModule("/lib/modules/6.1.0-56-amd64/extra/a.ko")).isTrue();
    assertThat(KernelPackageGroups.isModule("/usr/lib/modules/5.14.0/extra/b.ko.xz")).isTrue();
    assertThat(KernelPackageGroups.isModule("/usr/src/ofa_kernel/Module.symvers")).isFalse();
    assertThat(KernelPackageGroups.isModule("/lib/modules/6.1.0/modules.dep")).isFalse();
  }

  @Test
  void sourceName_ofDebianSourceIsTheSourceItself() {
    // Debian packages are grouped by their Source field, which is already the source's name.
    assertThat(new KernelPackageGroup(PackageFormat.DEB, "mlnx-ofed-kernel", List.of(), List.of(),
        Map.of())
        .sourceName()).isEqualTo("mlnx-ofed-kernel");
  }

  private static KernelPackageGroup group(String srpm) {
    return new KernelPackageGroup(PackageFormat.RPM, srpm, List.of(), List.of(), Map.of());
  }
}
