package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typing of relation names, RPM sense flags, Debian relation fields and versions. */
class PackageRelationTest {

  @ParameterizedTest
  @CsvSource({
    "kernel(ib_register_device), KERNEL_SYMBOL",
    "ksym(default:ib_register_device), KSYM",
    "kmod(mlx5_ib.ko), KMOD",
    "kernel-uname-r, KERNEL_RELEASE",
    "rpmlib(PayloadIsZstd), RPMLIB",
    "/usr/sbin/depmod, FILE",
    "'(kmod-a or kmod-b)', RICH",
    "kernel, PACKAGE",
    "kernel-core, PACKAGE",
    "kernel(), PACKAGE"
  })
  void kind_byName(String name, RelationKind kind) {
    assertThat(PackageRelation.of(name).kind()).isEqualTo(kind);
  }

  @Test
  void symbolAndCrc_rhelAndSuseSpellings() {
    PackageRelation rhel = PackageRelation.of("kernel(printk)", Comparison.EQUAL, "0x5a11e6f9");
    PackageRelation suse = PackageRelation.of("ksym(default:printk)", Comparison.EQUAL, "5a11e6f9");
    PackageRelation notCrc = PackageRelation.of("kernel(printk)", Comparison.EQUAL, "4.18");
    PackageRelation unversioned = PackageRelation.of("ksym(printk)");

    assertThat(rhel.symbol()).contains("printk");
    assertThat(rhel.symbolCrc()).isEqualTo(OptionalLong.of(0x5a11e6f9L));
    assertThat(suse.symbol()).contains("printk");
    assertThat(suse.symbolCrc()).isEqualTo(OptionalLong.of(0x5a11e6f9L));
    assertThat(notCrc.symbolCrc()).isEmpty();
    assertThat(unversioned.symbolCrc()).isEmpty();
    assertThat(PackageRelation.of("kmod(a.ko)").symbol()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0, ANY", "2, LESS", "10, LESS_OR_EQUAL", "8, EQUAL", "12, GREATER_OR_EQUAL",
      "4, GREATER", "16777226, LESS_OR_EQUAL"})
  void comparison_fromRpmSenseFlags(int flags, Comparison expected) {
    assertThat(Comparison.fromRpmFlags(flags)).isEqualTo(expected);
  }

  @Test
  void qualifiers_fromRpmSenseFlags() {
    assertThat(RelationQualifier.fromRpmFlags((1 << 9) | (1 << 10) | (1 << 24) | 8))
        .isEqualTo(Set.of(RelationQualifier.PRE, RelationQualifier.POST, RelationQualifier.RPMLIB));
  }

  @Test
  void debRelations_alternativesQualifiersAndOldOperators() {
    List<List<PackageRelation>> groups = DebRelations.parse("f", "aa:any (>= 1.0) | bb (<< 2),"
        + "\n cc [amd64] <!nocheck>, dd (< 3)", true, Set.of());

    assertThat(groups).hasSize(3);
    assertThat(groups.get(0)).extracting(PackageRelation::toString)
        .containsExactly("aa >= 1.0", "bb < 2");
    assertThat(groups.get(1).get(0).name()).isEqualTo("cc");
    assertThat(groups.get(2).get(0).comparison()).isEqualTo(Comparison.LESS_OR_EQUAL);
  }

  @Test
  void debRelations_errorsName_fieldAndValue() {
    assertThatThrownBy(() -> DebRelations.parse("x.deb: control field Provides", "aa | bb", false,
        Set.of())).isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("x.deb: control field Provides: 'aa | bb': alternatives");
    assertThatThrownBy(() -> DebRelations.parse("f", "aa,, bb", true, Set.of()))
        .hasMessageContaining("an empty entry between commas");
    assertThatThrownBy(() -> DebRelations.parse("f", "Bad_Name", true, Set.of()))
        .hasMessageContaining("is not a package name");
    assertThatThrownBy(() -> DebRelations.parse("f", "aa (>= x y)", true, Set.of()))
        .hasMessageContaining("is not 'name [(op version)]'");
  }

  @ParameterizedTest
  @CsvSource({"1:2.0-1, 1, 2.0, 1", "2.0, -1, 2.0, ''", "6.1.192-2, -1, 6.1.192, 2",
      "1.0-rc1-3~bpo12+1, -1, 1.0-rc1, 3~bpo12+1"})
  void debianVersion_parts(String text, long epoch, String version, String release) {
    PackageVersion v = PackageVersion.parseDebian("f", text);

    assertThat(v.epoch()).isEqualTo(epoch < 0 ? OptionalLong.empty() : OptionalLong.of(epoch));
    assertThat(v.version()).isEqualTo(version);
    assertThat(v.release()).isEqualTo(release);
    assertThat(v.toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"a1.0", "1.0-", ":1.0", "1:", "1.0 2", "x:1.0", "1.0_1"})
  void debianVersion_invalid(String text) {
    assertThatThrownBy(() -> PackageVersion.parseDebian("x.deb: control field Version", text))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("x.deb: control field Version: '" + text + "' is not a Debian");
  }
}
