package dev.rdmaforge.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kmod.DependencySymbol;
import dev.rdmaforge.kmod.ExportedSymbol;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.kmod.SymbolBind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kernel's load_module checks, in the kernel's order, on modules the tests describe. */
class LoaderRulesTest {
  private static final String KVER = "6.1.0-56-amd64";
  private static final String MAGIC = KVER + " SMP preempt mod_unload modversions ";
  private static final String OLD_MAGIC = "6.1.0-47-amd64 SMP preempt mod_unload modversions ";
  private static final long LAYOUT = 0x9060323fL;
  private static final long OLD_LAYOUT = 0x160c03afL;

  private SignatureOutcome signature = SignatureOutcome.VALID;

  /** A module description for the tests. */
  private static final class Mod {
    final String name;
    final List<ModinfoEntry> modinfo = new ArrayList<>();
    final List<ExportedSymbol> exports = new ArrayList<>();
    final List<DependencySymbol> undefined = new ArrayList<>();
    final Map<String, Long> versions = new LinkedHashMap<>();

    Mod(String name) {
      this.name = name;
      info("vermagic", MAGIC);
      info("license", "GPL");
      versions.put("module_layout", LAYOUT);
    }

    Mod info(String key, String value) {
      modinfo.removeIf(e -> e.key().equals(key) && !key.equals("import_ns"));
      modinfo.add(new ModinfoEntry(key, value));
      return this;
    }

    Mod uses(String symbol, long crc) {
      undefined.add(new DependencySymbol(symbol, crc, SymbolBind.UNDEF));
      versions.put(symbol, crc);
      return this;
    }

    Mod usesWeak(String symbol) {
      undefined.add(new DependencySymbol(symbol, 0, SymbolBind.WEAK));
      return this;
    }

    Mod usesUnversioned(String symbol) {
      undefined.add(new DependencySymbol(symbol, 0, SymbolBind.UNDEF));
      return this;
    }

    Mod exports(String symbol, long crc, boolean gpl) {
      exports.add(new ExportedSymbol(symbol, crc, SymbolBind.LOCAL, gpl));
      return this;
    }

    Mod noVersions() {
      versions.clear();
      return this;
    }

    CheckedModule build() {
      ModuleFacts facts = new ModuleFacts(modinfo, exports, undefined, versions,
          Optional.empty());
      return new CheckedModule(name, "extra/" + name + ".ko", Path.of("/x/" + name + ".ko"), facts);
    }
  }

  private TargetKernel kernel(boolean enforced, boolean forceLoad) {
    Map<String, KernelExport> exports = new HashMap<>();
    exports.put("module_layout", new KernelExport("module_layout", LAYOUT, "vmlinux", false, ""));
    exports.put("_printk", new KernelExport("_printk", 0x92997ed8L, "vmlinux", false, ""));
    exports.put("pci_gpl_fn", new KernelExport("pci_gpl_fn", 0x1111L, "vmlinux", true, ""));
    exports.put("cxl_fn", new KernelExport("cxl_fn", 0x2222L, "vmlinux", true, "CXL"));
    SignatureChecker sigs = m -> new SignatureVerdict(signature, "test key", "");
    return new TargetKernel(KVER, MAGIC, exports, Set.of("crc32c_generic"), enforced, forceLoad,
        sigs, List.of());
  }

  private Insertion load(CheckedModule m, CheckedModule... before) {
    return load(kernel(false, true), m, before);
  }

  private Insertion load(TargetKernel k, CheckedModule m, CheckedModule... before) {
    KernelState state = new KernelState(k);
    for (CheckedModule b : before) {
      state.add(b);
    }
    return LoaderRules.insert(m, state);
  }

  @Test
  @DisplayName("a module built for ABI 47 loaded on 56: module_layout disagrees before vermagic is looked at")
  void otherAbi_failsAtModuleLayout() {
    Mod m = new Mod("mlx5_core").info("vermagic", OLD_MAGIC).info("intree", "Y");
    m.versions.put("module_layout", OLD_LAYOUT);

    Insertion ins = load(m.uses("_printk", 0x12345678L).build());

    assertThat(ins.verdict()).isEqualTo(Verdict.SYMBOL_VERSION_MISMATCH);
    assertThat(ins.symbols()).containsExactly("module_layout");
    assertThat(ins.mismatches().get(0).provided()).isEqualTo(LAYOUT);
  }

  @Test
  @DisplayName("stale vermagic without __versions: forced past module_layout, refused at vermagic")
  void noVersions_otherRelease_vermagicMismatch() {
    Insertion ins = load(new Mod("legacy").info("vermagic", OLD_MAGIC).noVersions().build());

    assertThat(ins.verdict()).isEqualTo(Verdict.VERMAGIC_MISMATCH);
    assertThat(ins.symbols()).isEmpty();
    assertThat(ins.why()).contains("version magic '" + OLD_MAGIC + "' should be '" + MAGIC + "'");
  }

  @Test
  @DisplayName("no __versions but the right vermagic: loads, forced (F) and out-of-tree (O)")
  void noVersions_sameRelease_loadsForced() {
    Insertion ins = load(new Mod("legacy").noVersions().usesUnversioned("_printk").build());

    assertThat(ins.verdict()).isEqualTo(Verdict.LOADS);
    assertThat(ins.taints()).containsExactly(Taint.OUT_OF_TREE, Taint.FORCED);
  }

  @Test
  @DisplayName("no __versions on a kernel without CONFIG_MODULE_FORCE_LOAD: refused")
  void noVersions_noForceLoad_refused() {
    Insertion ins = load(kernel(false, false), new Mod("legacy").noVersions().build());

    assertThat(ins.verdict()).isEqualTo(Verdict.VERMAGIC_MISMATCH);
  }

  @Test
  @DisplayName("with __versions the release part of vermagic is not compared (same_magic)")
  void versions_otherReleaseSameFlags_loads() {
    Insertion ins = load(new Mod("m").info("vermagic", "6.1.0-99-amd64 SMP preempt mod_unload modversions ").build());

    assertThat(ins.verdict()).isEqualTo(Verdict.LOADS);
  }

  @Test
  @DisplayName("with __versions, other flags in vermagic (no preempt) are still refused")
  void versions_otherFlags_vermagicMismatch() {
    Insertion ins = load(new Mod("m").info("vermagic", KVER + " SMP mod_unload modversions ").build());

    assertThat(ins.verdict()).isEqualTo(Verdict.VERMAGIC_MISMATCH);
  }

  @Test
  @DisplayName("consumer built against provider v1, provider v2 loaded: disagrees about provider_fn")
  void consumerOfOtherProvider_crcMismatchNamesBothCrcs() {
    CheckedModule provider = new Mod("provider").exports("provider_fn", 0x3d298f15L, false).build();
    CheckedModule consumer = new Mod("consumer").uses("provider_fn", 0xf96caa5eL).build();

    Insertion ins = load(consumer, provider);

    assertThat(ins.verdict()).isEqualTo(Verdict.SYMBOL_VERSION_MISMATCH);
    assertThat(ins.symbols()).containsExactly("provider_fn");
    assertThat(ins.why()).contains("0xf96caa5e").contains("0x3d298f15").contains("provider");
  }

  @Test
  @DisplayName("provider missing: Unknown symbol provider_fn")
  void providerMissing_unknownSymbol() {
    Insertion ins = load(new Mod("consumer").uses("provider_fn", 0xf96caa5eL).build());

    assertThat(ins.verdict()).isEqualTo(Verdict.UNKNOWN_SYMBOL);
    assertThat(ins.symbols()).containsExactly("provider_fn");
  }

  @Test
  @DisplayName("a missing weak symbol is fine; a symbol without a __versions entry is let through")
  void weakAndUnversioned_load() {
    CheckedModule provider = new Mod("provider").exports("provider_fn", 0x3d298f15L, false).build();
    Insertion ins = load(new Mod("c").usesWeak("maybe_fn").usesUnversioned("provider_fn").build(),
        provider);

    assertThat(ins.verdict()).isEqualTo(Verdict.LOADS);
  }

  @Test
  @DisplayName("CRC disagreements outrank unknown symbols, and every bad symbol is named")
  void mismatchAndUnknown_mismatchWinsWithAllItsSymbols() {
    CheckedModule provider = new Mod("provider").exports("a_fn", 1, false).exports("b_fn", 2, false).build();
    Insertion ins = load(new Mod("c").uses("b_fn", 20).uses("gone_fn", 3).uses("a_fn", 10).build(),
        provider);

    assertThat(ins.verdict()).isEqualTo(Verdict.SYMBOL_VERSION_MISMATCH);
    assertThat(ins.symbols()).containsExactly("a_fn", "b_fn");
  }

  @Test
  @DisplayName("a proprietary module does not see EXPORT_SYMBOL_GPL symbols: Unknown symbol")
  void proprietary_gplOnlyInvisible() {
    CheckedModule provider = new Mod("provider").exports("provider_gpl_fn", 7, true).build();
    Insertion ins = load(new Mod("blob").info("license", "Proprietary")
        .uses("provider_gpl_fn", 7).uses("pci_gpl_fn", 0x1111L).build(), provider);

    assertThat(ins.verdict()).isEqualTo(Verdict.UNKNOWN_SYMBOL);
    assertThat(ins.symbols()).containsExactly("pci_gpl_fn", "provider_gpl_fn");
    assertThat(ins.why()).contains("not GPL-compatible");
  }

  @Test
  @DisplayName("a symbol from a namespace the module does not import is refused; importing it loads")
  void namespace_mustBeImported() {
    assertThat(load(new Mod("c").uses("cxl_fn", 0x2222L).build()).verdict())
        .isEqualTo(Verdict.UNKNOWN_SYMBOL);
    assertThat(load(new Mod("c").info("import_ns", "CXL").uses("cxl_fn", 0x2222L).build()).verdict())
        .isEqualTo(Verdict.LOADS);
  }

  @Test
  @DisplayName("unsigned module: loads tainted (E, O) when not enforced, refused first when enforced")
  void unsigned_enforcedOrNot() {
    signature = SignatureOutcome.UNSIGNED;
    CheckedModule m = new Mod("test").info("vermagic", OLD_MAGIC).noVersions().build();

    assertThat(load(new Mod("test").build()).taints())
        .containsExactly(Taint.UNSIGNED, Taint.OUT_OF_TREE);
    Insertion enforced = load(kernel(true, true), m);
    assertThat(enforced.verdict()).isEqualTo(Verdict.SIGNATURE_REJECTED);
    assertThat(enforced.why()).startsWith("Loading of unsigned module is rejected");
  }

  @Test
  @DisplayName("a signature that does not verify (tampered module) is refused even when not enforced")
  void tampered_refusedUnenforced() {
    signature = SignatureOutcome.REJECTED;

    assertThat(load(new Mod("test").build()).verdict()).isEqualTo(Verdict.SIGNATURE_REJECTED);
  }

  @Test
  @DisplayName("an untrusted key is only a taint without enforcement")
  void untrustedKey_taintOnly() {
    signature = SignatureOutcome.KEY_UNAVAILABLE;

    Insertion ins = load(new Mod("dkms").info("intree", "Y").build());
    assertThat(ins.verdict()).isEqualTo(Verdict.LOADS);
    assertThat(ins.taints()).containsExactly(Taint.UNSIGNED);
  }

  @Test
  @DisplayName("staging drivers taint C, in-tree ones are not O")
  void staging_taintC() {
    Insertion ins = load(new Mod("r8188eu").info("intree", "Y").info("staging", "Y").build());

    assertThat(ins.taints()).containsExactly(Taint.STAGING);
  }

  @Test
  @DisplayName("a second module exporting a loaded module's symbol is refused (exports duplicate symbol)")
  void duplicateExport_refused() {
    CheckedModule first = new Mod("ib_core").exports("ib_register_client", 1, false).build();
    Insertion ins = load(new Mod("compat_ib_core").exports("ib_register_client", 1, false).build(),
        first);

    assertThat(ins.verdict()).isEqualTo(Verdict.INVALID_MODULE);
    assertThat(ins.symbols()).containsExactly("ib_register_client");
    assertThat(ins.why()).contains("owned by ib_core");
  }
}
