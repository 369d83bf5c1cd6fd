package dev.rdmaforge.pkg.root;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.SymbolBind;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.Candidate;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.Decision;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.Provider;
import dev.rdmaforge.pkg.root.WeakModulesCompatibility.SymbolProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * weak-modules' decision for a kmod built for one RHEL minor release and a newer kernel: an OFED
 * kmod needing {@code ib_register_device} from the in-tree ib_core and {@code printk} from
 * vmlinux, a Lustre o2iblnd kmod needing the OFED kmod's exports.
 */
class WeakModulesCompatibilityTest {
  private static final Map<String, Long> VMLINUX = Map.of("_printk", 0x1111L, "kmalloc", 0x2222L);
  private static final Provider IB_CORE = new Provider("ib_core",
      List.of(export("ib_register_device", 0xaaaa)));

  private static DependencySymbol need(String name, long crc) {
    return new DependencySymbol(name, crc, SymbolBind.UNDEF);
  }

  private static ExportedSymbol export(String name, long crc) {
    return new ExportedSymbol(name, crc, SymbolBind.GLOBAL, false);
  }

  @Test
  void decide_allCrcsEqual_compatible() {
    Candidate mlx = new Candidate("extra/mlx.ko", "mlx",
        List.of(need("_printk", 0x1111), need("ib_register_device", 0xaaaa)), List.of());

    List<Decision> d = WeakModulesCompatibility.decide(VMLINUX, List.of(IB_CORE), List.of(mlx));

    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.compatible()).isTrue();
      assertThat(x.problems()).isEmpty();
      assertThat(x.round()).isEqualTo(1);
    });
  }

  @Test
  void decide_crcDiffers_refusedWithBothCrcsAndProvider() {
    Candidate mlx = new Candidate("extra/mlx.ko", "mlx",
        List.of(need("_printk", 0x1111), need("ib_register_device", 0xbbbb)), List.of());

    Decision d = WeakModulesCompatibility.decide(VMLINUX, List.of(IB_CORE), List.of(mlx)).get(0);

    assertThat(d.compatible()).isFalse();
    assertThat(d.problems()).containsExactly(
        new SymbolProblem("ib_register_device", false, 0xbbbb, 0xaaaaL, "ib_core"));
    assertThat(d.problems().get(0).describe()).isEqualTo("disagrees about version of symbol"
        + " ib_register_device: built against 0x0000bbbb, ib_core in the target has 0x0000aaaa");
  }

  @Test
  void decide_unknownSymbol_refused_weakSymbolIgnored() {
    Candidate c = new Candidate("extra/c.ko", "c", List.of(need("gone_fn", 0x1),
        new DependencySymbol("optional_fn", 0x2, SymbolBind.WEAK)), List.of());

    Decision d = WeakModulesCompatibility.decide(VMLINUX, List.of(), List.of(c)).get(0);

    assertThat(d.compatible()).isFalse();
    assertThat(d.problems()).extracting(SymbolProblem::symbol).containsExactly("gone_fn");
    assertThat(d.problems().get(0).describe()).isEqualTo("needs unknown symbol gone_fn");
  }

  @Test
  void decide_dependentOfRefused_refusedInNextRound() {
    // ko2iblnd needs the OFED ib_core's export; that ib_core needs a vmlinux CRC the target lacks.
    Candidate ofedCore = new Candidate("extra/ib_core.ko", "ib_core",
        List.of(need("kmalloc", 0x9999)), List.of(export("ib_register_device", 0xcccc)));
    Candidate o2ib = new Candidate("extra/ko2iblnd.ko", "ko2iblnd",
        List.of(need("ib_register_device", 0xcccc)), List.of());

    List<Decision> d = WeakModulesCompatibility.decide(VMLINUX, List.of(IB_CORE),
        List.of(ofedCore, o2ib));

    assertThat(d.get(0).compatible()).isFalse();
    assertThat(d.get(0).round()).isEqualTo(1);
    assertThat(d.get(1).compatible()).isFalse();
    assertThat(d.get(1).round()).isEqualTo(2);
    // Without the OFED ib_core, the in-tree one provides the symbol, with another CRC.
    assertThat(d.get(1).problems()).containsExactly(
        new SymbolProblem("ib_register_device", false, 0xcccc, 0xaaaaL, "ib_core"));
  }

  @Test
  void decide_candidateReplacesTargetModuleOfSameName() {
    Candidate ofedCore = new Candidate("extra/ib_core.ko", "ib_core",
        List.of(need("kmalloc", 0x2222)), List.of(export("ib_register_device", 0xcccc)));
    Candidate o2ib = new Candidate("extra/ko2iblnd.ko", "ko2iblnd",
        List.of(need("ib_register_device", 0xcccc)), List.of());

    List<Decision> d = WeakModulesCompatibility.decide(VMLINUX, List.of(IB_CORE),
        List.of(ofedCore, o2ib));

    assertThat(d).allSatisfy(x -> assertThat(x.compatible()).isTrue());
  }
}
