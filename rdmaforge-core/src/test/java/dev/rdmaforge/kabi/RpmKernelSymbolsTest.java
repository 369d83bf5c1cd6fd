package dev.rdmaforge.kabi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.Comparison;
import dev.rdmaforge.pkg.PackageRelation;
import org.junit.jupiter.api.Test;

/**
 * RPM's matching of {@code kernel(sym) = 0xCRC} requirements, as {@code rpm -i --test} decides
 * whether a kmod package installs on a kernel (RHEL's kmod packages against kernel-core's
 * provides).
 */
class RpmKernelSymbolsTest {
  private static PackageRelation eq(String name, String version) {
    return PackageRelation.of(name, Comparison.EQUAL, version);
  }

  @Test
  void theSameCrcMatchesAndAnotherDoesNot() {
    assertThat(RpmKernelSymbols.overlaps(eq("kernel(ib_register_client)", "0xe2ffcd05"),
        eq("kernel(ib_register_client)", "0xe2ffcd05"))).isTrue();
    // -47's CRC of module_layout against -56's provide: "Failed dependencies".
    assertThat(RpmKernelSymbols.overlaps(eq("kernel(module_layout)", "0x9060323f"),
        eq("kernel(module_layout)", "0x160c03af"))).isFalse();
  }

  @Test
  void crcsAreComparedAsRpmVersionsNotAsNumbers() {
    // rpmvercmp drops leading zeros of a digit run: 0x0001 and 0x1 are the same version.
    assertThat(RpmVersions.vercmp("0x0001", "0x1")).isZero();
    assertThat(RpmVersions.vercmp("0xf96caa5e", "0x3d298f15")).isNotZero();
    // Letters are compared as strings, so the case of hex digits matters to rpm.
    assertThat(RpmVersions.vercmp("0xABCDEF01", "0xabcdef01")).isNotZero();
    assertThat(RpmVersions.compareEvr("1:1.0-1", "1.0-1")).isPositive();
    assertThat(RpmVersions.compareEvr("1.0", "1.0-7")).isZero();
    assertThat(RpmVersions.vercmp("1.0~rc1", "1.0")).isNegative();
  }

  @Test
  void unversionedAndRangeRequirements() {
    assertThat(RpmKernelSymbols.overlaps(eq("kernel(x)", "0x1"),
        PackageRelation.of("kernel(x)"))).isTrue();
    assertThat(RpmKernelSymbols.overlaps(eq("kernel(x)", "2"),
        PackageRelation.of("kernel(x)", Comparison.GREATER_OR_EQUAL, "1"))).isTrue();
    assertThat(RpmKernelSymbols.overlaps(eq("kernel(x)", "1"),
        PackageRelation.of("kernel(x)", Comparison.GREATER, "1"))).isFalse();
    assertThat(RpmKernelSymbols.overlaps(eq("kernel(x)", "1"),
        PackageRelation.of("kernel(x)", Comparison.LESS, "2"))).isTrue();
  }
}
