package dev.rdmaforge.it.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.ScenarioTree;
import dev.rdmaforge.testkit.TreeCopies;
import dev.rdmaforge.testkit.judge.BootReport;
import dev.rdmaforge.testkit.judge.JudgeScenario;
import dev.rdmaforge.testkit.judge.KernelJudge;
import dev.rdmaforge.testkit.judge.LoadVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The judge itself, on real Debian kernels booted under QEMU: the in-tree mlx5_ib stack of a node
 * image, a vendor ib_core built for the other ABI dropped into updates/ (seed 003's "disagrees
 * about version of symbol"), a module the image lacks, a built-in module, and the vendor ib_core on
 * a Secure Boot node (module.sig_enforce=1).
 */
class KernelJudgeIT {

  private static final String IB_CORE = "kernel/drivers/infiniband/core/ib_core.ko";
  private static final String MLX5_IB = "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko";

  @TempDir Path work;

  static Stream<Arguments> kernels() {
    return Stream.of(
        Arguments.of("newest", DebianKernels.newest61(), DebianKernels.oldest61()),
        Arguments.of("oldest", DebianKernels.oldest61(), DebianKernels.newest61()));
  }

  @ParameterizedTest(name = "{0} 6.1 ABI booted")
  @MethodSource("kernels")
  @DisplayName("one boot: clean mlx5 stack, other-ABI ib_core in updates/, missing and built-in")
  void judge_nodeImages_kernelNamesWhatHappens(
      String label, DebianKernel kernel, DebianKernel other) throws IOException {
    String builtin = firstBuiltin(kernel);
    List<JudgeScenario> scenarios =
        List.of(
            JudgeScenario.of("stack", fullTree(kernel, "stack"), "mlx5_ib"),
            JudgeScenario.of("vendor", vendorIbCore(kernel, other), "mlx5_ib", "ib_core"),
            JudgeScenario.of("no-ofed", ibCoreOnly(kernel), "mlx5_ib", builtin));

    BootReport report = KernelJudge.of(kernel).judge(scenarios);
    System.out.printf("KernelJudgeIT: %s boot %d ms%n", kernel.release(), report.boot().toMillis());

    assertThat(report.verdicts()).as(report.serialLog()).hasSize(5);
    assertThat(report.verdict("stack", "mlx5_ib"))
        .as("(a) a Debian-signed in-tree stack loads untainted")
        .isEqualTo(verdict("stack", "mlx5_ib", MLX5_IB, LoadVerdict.LOADS, List.of(), null));
    // §4: a module built for another ABI fails at module_layout before any other check, since
    // module_layout's CRC changes with every Debian ABI.
    assertThat(crcIn(other.module(IB_CORE), "module_layout"))
        .as("§4's premise: module_layout differs between the ABIs")
        .isNotEqualTo(crcIn(kernel.requireSymvers(), "module_layout"));
    assertThat(report.verdict("vendor", "ib_core"))
        .as("(b) the other ABI's ib_core itself")
        .isEqualTo(
            verdict(
                "vendor",
                "ib_core",
                "updates/ib_core.ko",
                LoadVerdict.SYMBOL_VERSION_MISMATCH,
                List.of("module_layout"),
                null));
    assertThat(report.verdict("vendor", "mlx5_ib"))
        .as("(b) the in-tree consumer is blocked by the vendor ib_core")
        .isEqualTo(
            verdict(
                "vendor", "mlx5_ib", MLX5_IB, LoadVerdict.DEPENDENCY_FAILED, List.of(), "ib_core"));
    assertThat(report.verdict("no-ofed", "mlx5_ib"))
        .as("(c) an image without the driver")
        .isEqualTo(verdict("no-ofed", "mlx5_ib", null, LoadVerdict.NOT_FOUND, List.of(), null));
    assertThat(report.verdict("no-ofed", builtin))
        .as("(d) a module built into the kernel")
        .isEqualTo(
            verdict(
                "no-ofed", builtin.replace('-', '_'), null, LoadVerdict.LOADS, List.of(), null));
  }

  @Test
  @DisplayName("(e) Secure Boot node: the other ABI's ib_core has an unknown key and is refused")
  void judge_sigEnforce_vendorIbCoreRejected() throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    DebianKernel other = DebianKernels.oldest61();
    List<JudgeScenario> scenarios =
        List.of(
            JudgeScenario.of("stack", fullTree(kernel, "stack"), "mlx5_ib"),
            JudgeScenario.of("vendor", vendorIbCore(kernel, other), "mlx5_ib", "ib_core"));

    BootReport report = KernelJudge.of(kernel).sigEnforce(true).judge(scenarios);
    System.out.printf(
        "KernelJudgeIT: %s sig_enforce boot %d ms%n", kernel.release(), report.boot().toMillis());

    assertThat(report.verdict("stack", "mlx5_ib"))
        .as("modules signed by the booted build's own key still load")
        .isEqualTo(verdict("stack", "mlx5_ib", MLX5_IB, LoadVerdict.LOADS, List.of(), null));
    assertThat(report.verdict("vendor", "ib_core"))
        .as("the signature check runs before module_layout")
        .isEqualTo(
            verdict(
                "vendor",
                "ib_core",
                "updates/ib_core.ko",
                LoadVerdict.SIGNATURE_REJECTED,
                List.of(),
                null));
    assertThat(report.verdict("vendor", "mlx5_ib"))
        .isEqualTo(
            verdict(
                "vendor", "mlx5_ib", MLX5_IB, LoadVerdict.DEPENDENCY_FAILED, List.of(), "ib_core"));
  }

  /** An image root holding the kernel's whole module tree (hard links to the cache). */
  private Path fullTree(DebianKernel kernel, String name) {
    Path root = work.resolve(name);
    TreeCopies.linkCopy(kernel.modulesDir(), root, kernel.release());
    return root;
  }

  /** An image with the kernel's ib_core but no mlx5 driver (and the kernel's modules.builtin). */
  private Path ibCoreOnly(DebianKernel kernel) {
    Path root = work.resolve("no-ofed");
    ScenarioTree.of(kernel).module(IB_CORE).build(root);
    return root;
  }

  /** The whole tree plus {@code other}'s ib_core in updates/, which depmod prefers. */
  private Path vendorIbCore(DebianKernel kernel, DebianKernel other) throws IOException {
    Path root = fullTree(kernel, "vendor");
    TreeCopies.copyEntry(
        other.module(IB_CORE),
        root.resolve("lib/modules/" + kernel.release() + "/updates/ib_core.ko"));
    return root;
  }

  private static String firstBuiltin(DebianKernel kernel) throws IOException {
    String path = Files.readAllLines(kernel.modulesDir().resolve("modules.builtin")).get(0);
    return path.substring(path.lastIndexOf('/') + 1, path.length() - ".ko".length());
  }

  /** The CRC of {@code symbol} in a module's __versions or in a Module.symvers file. */
  private static String crcIn(Path file, String symbol) throws IOException {
    if (file.getFileName().toString().equals("Module.symvers")) {
      try (Stream<String> lines = Files.lines(file)) {
        return lines
            .map(l -> l.split("\t"))
            .filter(f -> f[1].equals(symbol))
            .map(f -> Long.decode(f[0]).toString())
            .findFirst()
            .orElseThrow();
      }
    }
    String dump =
        Processes.runChecked(null, List.of("modprobe", "--dump-modversions", file.toString()))
            .stdout();
    return dump.lines()
        .map(l -> l.split("\\s+"))
        .filter(f -> f[1].equals(symbol))
        .map(f -> Long.decode(f[0]).toString())
        .findFirst()
        .orElseThrow();
  }

  private static LoadVerdict verdict(
      String scenario,
      String module,
      String file,
      String verdict,
      List<String> symbols,
      String blockedBy) {
    return new LoadVerdict(scenario, module, file, verdict, symbols, blockedBy, List.of());
  }
}
