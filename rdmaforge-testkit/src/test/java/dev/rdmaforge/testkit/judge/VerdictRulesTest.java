package dev.rdmaforge.testkit.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own words (kernel-modules.md §4, and transcripts of 6.1.0-56 under QEMU) turned into
 * verdicts. The modprobe lines are kmod 30's.
 */
class VerdictRulesTest {

  private static final String DIR = "/s1/lib/modules/6.1.0-56-amd64/";
  private static final String HYPERV =
      "insmod " + DIR + "kernel/drivers/pci/controller/pci-hyperv-intf.ko ";
  private static final String VENDOR_IB_CORE = "insmod " + DIR + "updates/ib_core.ko ";
  private static final String MLX5_IB_FILE = "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko";

  @Test
  @DisplayName("in-tree mlx5_ib stack: live, no taint")
  void decide_live_loads() {
    TargetRun run =
        run(
            "mlx5_ib",
            List.of(HYPERV, "insmod " + DIR + MLX5_IB_FILE + " "),
            0,
            List.of(),
            "live",
            "");

    assertThat(VerdictRules.decide("s", run, MLX5_IB_FILE))
        .isEqualTo(
            new LoadVerdict("s", "mlx5_ib", MLX5_IB_FILE, "loads", List.of(), null, List.of()));
  }

  @Test
  @DisplayName("a DKMS module: unsigned and out of tree, the once-per-boot message is not needed")
  void decide_liveTainted_mapsLetters() {
    TargetRun run =
        run(
            "provider",
            List.of("insmod " + DIR + "updates/dkms/provider.ko "),
            0,
            List.of("provider: loading out-of-tree module taints kernel."),
            "live",
            "OE");

    LoadVerdict verdict = VerdictRules.decide("s", run, "updates/dkms/provider.ko");

    assertThat(verdict.taints()).containsExactly("out-of-tree", "unsigned");
  }

  @Test
  @DisplayName("seed 003: a -47 ib_core in -56's updates/ is refused at module_layout")
  void decide_moduleLayout_symbolVersionMismatch() {
    TargetRun run =
        run(
            "ib_core",
            List.of(
                VENDOR_IB_CORE, "modprobe: ERROR: could not insert 'ib_core': Exec format error"),
            1,
            List.of("ib_core: disagrees about version of symbol module_layout"),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, "updates/ib_core.ko"))
        .isEqualTo(
            new LoadVerdict(
                "s",
                "ib_core",
                "updates/ib_core.ko",
                "symbol-version-mismatch",
                List.of("module_layout"),
                null,
                List.of()));
  }

  @Test
  @DisplayName("kmod names the target in 'could not insert', yet ib_core blocked mlx5_ib")
  void decide_dependencyFails_blockedByTheModuleTheKernelNames() {
    TargetRun run =
        run(
            "mlx5_ib",
            List.of(
                HYPERV,
                VENDOR_IB_CORE,
                "modprobe: ERROR: could not insert 'mlx5_ib': Exec format error"),
            1,
            List.of("ib_core: disagrees about version of symbol module_layout"),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, MLX5_IB_FILE))
        .isEqualTo(
            new LoadVerdict(
                "s",
                "mlx5_ib",
                MLX5_IB_FILE,
                "dependency-failed",
                List.of(),
                "ib_core",
                List.of()));
  }

  @Test
  @DisplayName("Secure Boot: the nameless key message belongs to the insertion in progress")
  void decide_unavailableKeyOnDependency_blockedByInsertionInProgress() {
    TargetRun run =
        run(
            "mlx5_ib",
            List.of(
                HYPERV,
                VENDOR_IB_CORE,
                "modprobe: ERROR: could not insert 'mlx5_ib': Key was rejected by service"),
            1,
            List.of("Loading of module with unavailable key is rejected"),
            "",
            "");

    LoadVerdict verdict = VerdictRules.decide("s", run, MLX5_IB_FILE);

    assertThat(verdict.verdict()).isEqualTo("dependency-failed");
    assertThat(verdict.blockedBy()).isEqualTo("ib_core");
  }

  @Test
  @DisplayName("an unsigned module under module.sig_enforce=1")
  void decide_unsignedEnforced_signatureRejected() {
    TargetRun run =
        run(
            "provider",
            List.of(
                "insmod " + DIR + "extra/provider.ko ",
                "modprobe: ERROR: could not insert 'provider': Key was rejected by service"),
            1,
            List.of("Loading of unsigned module is rejected"),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, "extra/provider.ko").verdict())
        .isEqualTo("signature-rejected");
  }

  @Test
  @DisplayName("a tampered signature: no kernel message, only modprobe's errno text")
  void decide_keyRejectedWithoutKmsg_signatureRejected() {
    TargetRun run =
        run(
            "provider",
            List.of(
                "insmod " + DIR + "extra/provider.ko ",
                "modprobe: ERROR: could not insert 'provider': Key was rejected by service"),
            1,
            List.of(),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, "extra/provider.ko").verdict())
        .isEqualTo("signature-rejected");
  }

  @Test
  @DisplayName("a stale module without __versions: vermagic, the F taint message is no reason")
  void decide_versionMagic_vermagicMismatch() {
    TargetRun run =
        run(
            "consumer",
            List.of(
                "insmod " + DIR + "extra/consumer.ko ",
                "modprobe: ERROR: could not insert 'consumer': Exec format error"),
            1,
            List.of(
                "consumer: module_layout: kernel tainted.",
                "Disabling lock debugging due to kernel taint",
                "consumer: version magic '6.1.0-47-amd64 SMP preempt mod_unload modversions '"
                    + " should be '6.1.0-56-amd64 SMP preempt mod_unload modversions '"),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, "extra/consumer.ko"))
        .isEqualTo(
            new LoadVerdict(
                "s",
                "consumer",
                "extra/consumer.ko",
                "vermagic-mismatch",
                List.of(),
                null,
                List.of()));
  }

  @Test
  @DisplayName("consumer built against provider v1, v2 installed: every disagreeing CRC, sorted")
  void decide_symbolCrcs_allDisagreeingSymbolsSorted() {
    TargetRun run =
        run(
            "consumer",
            List.of(
                "insmod " + DIR + "extra/consumer.ko ",
                "modprobe: ERROR: could not insert 'consumer': Invalid argument"),
            1,
            List.of(
                "consumer: disagrees about version of symbol provider_fn",
                "consumer: Unknown symbol provider_fn (err -22)",
                "consumer: disagrees about version of symbol provider_bar",
                "consumer: Unknown symbol provider_bar (err -22)",
                "consumer: Unknown symbol provider_gone (err -2)"),
            "",
            "");

    LoadVerdict verdict = VerdictRules.decide("s", run, "extra/consumer.ko");

    assertThat(verdict.verdict()).isEqualTo("symbol-version-mismatch");
    assertThat(verdict.symbols()).containsExactly("provider_bar", "provider_fn");
  }

  @Test
  @DisplayName("provider missing: every unknown symbol, sorted")
  void decide_unknownSymbols_unknownSymbolSorted() {
    TargetRun run =
        run(
            "consumer",
            List.of(
                "insmod " + DIR + "extra/consumer.ko ",
                "modprobe: ERROR: could not insert 'consumer': Unknown symbol in module, or unknown"
                    + " parameter (see dmesg)"),
            1,
            List.of(
                "consumer: Unknown symbol provider_fn (err -2)",
                "consumer: Unknown symbol provider_bar (err -2)"),
            "",
            "");

    LoadVerdict verdict = VerdictRules.decide("s", run, "extra/consumer.ko");

    assertThat(verdict.verdict()).isEqualTo("unknown-symbol");
    assertThat(verdict.symbols()).containsExactly("provider_bar", "provider_fn");
  }

  @Test
  @DisplayName("a chain whose middle module fails: the kernel's name, not the file's dashes")
  void decide_middleOfChainFails_blockedByKernelName() {
    TargetRun run =
        run(
            "top",
            List.of(
                "insmod " + DIR + "extra/bottom.ko ",
                "insmod " + DIR + "extra/mid-dle.ko ",
                "modprobe: ERROR: could not insert 'top': Unknown symbol in module, or unknown"
                    + " parameter (see dmesg)"),
            1,
            List.of("mid_dle: Unknown symbol gone_fn (err -2)"),
            "",
            "");

    LoadVerdict verdict = VerdictRules.decide("s", run, "extra/top.ko");

    assertThat(verdict.verdict()).isEqualTo("dependency-failed");
    assertThat(verdict.blockedBy()).isEqualTo("mid_dle");
    assertThat(verdict.symbols()).isEmpty();
  }

  @Test
  @DisplayName("a target given with dashes is the kernel's module with underscores")
  void decide_dashedTargetFailsItself_notADependency() {
    TargetRun run =
        run(
            "mid-dle",
            List.of(
                "insmod " + DIR + "extra/mid-dle.ko ",
                "modprobe: ERROR: could not insert 'mid_dle': Unknown symbol in module, or unknown"
                    + " parameter (see dmesg)"),
            1,
            List.of("mid_dle: Unknown symbol gone_fn (err -2)"),
            "",
            "");

    LoadVerdict verdict = VerdictRules.decide("s", run, "extra/mid-dle.ko");

    assertThat(verdict.verdict()).isEqualTo("unknown-symbol");
    assertThat(verdict.module()).isEqualTo("mid_dle");
    assertThat(verdict.blockedBy()).isNull();
  }

  @Test
  @DisplayName("an image without the driver")
  void decide_fatalNotFound_notFound() {
    TargetRun run =
        run(
            "mlx5_ib",
            List.of(
                "modprobe: FATAL: Module mlx5_ib not found in"
                    + " directory /s2/lib/modules/6.1.0-56-amd64"),
            1,
            List.of(),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, null))
        .isEqualTo(new LoadVerdict("s", "mlx5_ib", null, "not-found", List.of(), null, List.of()));
  }

  @Test
  @DisplayName("a built-in module: modprobe does nothing and says nothing")
  void decide_builtin_loadsWithoutFile() {
    TargetRun run = new TargetRun(0, "amd-uncore", List.of(), 0, List.of(), "", "", true);

    assertThat(VerdictRules.decide("s", run, null))
        .isEqualTo(new LoadVerdict("s", "amd_uncore", null, "loads", List.of(), null, List.of()));
  }

  @Test
  @DisplayName("a post-softdep fails after the target went live: the kernel holds the target")
  void decide_liveDespiteFailure_loads() {
    TargetRun run =
        run(
            "mlx5_ib",
            List.of(
                "insmod " + DIR + MLX5_IB_FILE + " ",
                "insmod " + DIR + "extra/post.ko ",
                "modprobe: ERROR: could not insert 'mlx5_ib': Unknown symbol in module, or unknown"
                    + " parameter (see dmesg)"),
            1,
            List.of("post: Unknown symbol gone_fn (err -2)"),
            "live",
            "");

    assertThat(VerdictRules.decide("s", run, MLX5_IB_FILE).verdict()).isEqualTo("loads");
  }

  @Test
  @DisplayName("an ELF the kernel cannot parse")
  void decide_invalidElf_invalidModule() {
    TargetRun run =
        run(
            "broken",
            List.of(
                "insmod " + DIR + "extra/broken.ko ",
                "modprobe: ERROR: could not insert 'broken': Exec format error"),
            1,
            List.of("Invalid ELF header magic: != \u007fELF"),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, "extra/broken.ko").verdict())
        .isEqualTo("invalid-module");
  }

  @Test
  @DisplayName("an 'install mlx5_ib /bin/true' line: rc 0, nothing loaded: skipped, no file")
  void decide_successWithoutModule_isSkipped() {
    TargetRun run = run("mlx5_ib", List.of("install /bin/true "), 0, List.of(), "", "");

    assertThat(VerdictRules.decide("s", run, null))
        .isEqualTo(
            new LoadVerdict("s", "mlx5_ib", null, "skipped", List.of(), null, List.of()));
  }

  @Test
  @DisplayName("'install provider /bin/false' under consumer: blocked by provider's install line")
  void decide_failedInstallOfDependency_isDependencyFailed() {
    TargetRun run =
        run(
            "consumer",
            List.of(
                "install /bin/false ",
                "modprobe: ERROR: ../libkmod/libkmod-module.c:1047 command_do() Error running"
                    + " install command '/bin/false' for module provider: retcode 1",
                "modprobe: ERROR: could not insert 'consumer': Invalid argument"),
            1,
            List.of(),
            "",
            "");

    LoadVerdict verdict = VerdictRules.decide("s", run, "extra/consumer.ko");

    assertThat(verdict.verdict()).isEqualTo("dependency-failed");
    assertThat(verdict.blockedBy()).isEqualTo("provider");
  }

  @Test
  @DisplayName("'install plain /bin/false': the target's own install command fails")
  void decide_failedInstallOfTarget_isInstallCommandFailed() {
    TargetRun run =
        run(
            "plain",
            List.of(
                "install /bin/false ",
                "modprobe: ERROR: ../libkmod/libkmod-module.c:1047 command_do() Error running"
                    + " install command '/bin/false' for module plain: retcode 1",
                "modprobe: ERROR: could not insert 'plain': Invalid argument"),
            1,
            List.of(),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, null).verdict())
        .isEqualTo("install-command-failed");
  }

  @Test
  @DisplayName("`options dummy numdummies=two`: the kernel refuses the value, nothing else")
  void decide_invalidParameter() {
    TargetRun run =
        run(
            "dummy",
            List.of(
                "insmod " + DIR + "kernel/drivers/net/dummy.ko numdummies=two ",
                "modprobe: ERROR: could not insert 'dummy': Invalid argument"),
            1,
            List.of("dummy: `two' invalid for parameter `numdummies'"),
            "",
            "");

    assertThat(VerdictRules.decide("s", run, "kernel/drivers/net/dummy.ko"))
        .isEqualTo(
            new LoadVerdict(
                "s",
                "dummy",
                "kernel/drivers/net/dummy.ko",
                "invalid-parameter",
                List.of(),
                null,
                List.of()));
  }

  @Test
  @DisplayName("an alias target is judged under the module it resolves to")
  void decide_aliasTarget_usesResolvedModule() {
    TargetRun run = run("rdmaforge-alias", List.of(), 0, List.of(), "", "");

    assertThat(VerdictRules.decide("s", run, null, "plain").module()).isEqualTo("plain");
  }

  @Test
  @DisplayName("a file missing from the initramfs: modprobe's ENOENT text and no kernel message")
  void decide_failureWithoutKernelWords_isNoVerdict() {
    TargetRun run =
        run(
            "fat",
            List.of(
                "insmod " + DIR + "kernel/fs/fat/fat.ko ",
                "modprobe: ERROR: could not insert 'fat': Unknown symbol in module, or unknown"
                    + " parameter (see dmesg)"),
            1,
            List.of(),
            "",
            "");

    assertThatThrownBy(() -> VerdictRules.decide("s", run, "kernel/fs/fat/fat.ko"))
        .isInstanceOf(GuestFailure.class)
        .hasMessageContaining("could not insert 'fat'");
  }

  @Test
  @DisplayName("taint letters: the vocabulary of rdmaforge check, sorted, unknown letters kept")
  void taintLetters_mapsAndSorts() {
    assertThat(TaintLetters.names("POECFNX"))
        .containsExactly(
            "X", "forced", "out-of-tree", "proprietary", "staging", "test", "unsigned");
    assertThat(TaintLetters.names("")).isEmpty();
  }

  private static TargetRun run(
      String target,
      List<String> output,
      int rc,
      List<String> kmsg,
      String initstate,
      String taint) {
    return new TargetRun(1, target, output, rc, kmsg, initstate, taint, false);
  }
}
