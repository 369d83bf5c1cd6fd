package dev.rdmaforge.it.kabi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kabi.KabiCell;
import dev.rdmaforge.kabi.KabiMatrix;
import dev.rdmaforge.kabi.KabiMatrixBuilder;
import dev.rdmaforge.kabi.KabiModule;
import dev.rdmaforge.kabi.KabiPackage;
import dev.rdmaforge.kabi.KabiRequest;
import dev.rdmaforge.kabi.KernelInput;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.PathSelection;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.TreeCopies;
import dev.rdmaforge.testkit.judge.BootReport;
import dev.rdmaforge.testkit.judge.JudgeScenario;
import dev.rdmaforge.testkit.judge.KernelJudge;
import dev.rdmaforge.testkit.judge.LoadVerdict;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.packages.KmodPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matrix cells against the booted Debian kernel (the QEMU judge): each cell's modules are put into
 * a copy of the kernel's tree where the matrix says they go (extra/ for the package's own kernel,
 * weak-updates/ for another), with the providers the matrix chose, and modprobe in the guest
 * loads the package's modules. Every module's verdict must be the booted kernel's, for a cell that
 * loads, one that loads from weak-updates (a newest-ABI package on the earlier 6.1 ABI with the
 * same exports), a CRC disagreement on module_layout (an oldest-ABI package on the newest
 * kernel), one on provider_fn (consumers against release 2 of the provider) and an unknown
 * symbol (consumers without any provider).
 */
class KabiAgainstKernelIT {
  @TempDir Path dir;

  private record Cell(String id, KabiCell cell, KabiMatrix matrix, Path root) {}

  @Test
  void cellsAreWhatTheBootedKernelDoes() throws Exception {
    DebianKernel oldest = DebianKernels.oldest61();
    DebianKernel newest = DebianKernels.newest61();
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path provider56 = KabiInputs.copy(newest, KmodPackage.PROVIDER, true, dir.resolve("p"));
    Path provider47 = KabiInputs.copy(oldest, KmodPackage.PROVIDER, true, dir.resolve("p"));
    Path consumers56 = KabiInputs.copy(newest, KmodPackage.CONSUMERS, true, dir.resolve("p"));
    Path v2 = KabiInputs.copy(newest, KmodPackage.PROVIDER_V2, true, dir.resolve("p"));

    Map<DebianKernel, List<Cell>> boots = new LinkedHashMap<>();
    boots.put(newest, List.of(
        cell("loads", newest, cache, List.of(provider56), 0),
        cell("layout", newest, cache, List.of(provider47), 0),
        cell("unknown", newest, cache, List.of(consumers56), 0),
        cell("crc", newest, cache, List.of(consumers56, v2), 0)));
    String sameAbi = KabiInputs.sameAbiAsNewest();
    assertThat(sameAbi).as("a 6.1 ABI with the newest's exports (for weak-updates)").isNotNull();
    DebianKernel weakKernel = DebianKernels.fetch(sameAbi);
    boots.put(weakKernel, List.of(
        cell("weak", weakKernel, cache, List.of(consumers56, provider56), 0)));

    Map<String, String> expected = Map.of("loads", "loads", "layout", "symbol-version-mismatch",
        "unknown", "unknown-symbol", "crc", "symbol-version-mismatch",
        "weak", "loads-via-weak-updates");
    int compared = 0;
    for (Map.Entry<DebianKernel, List<Cell>> boot : boots.entrySet()) {
      List<JudgeScenario> scenarios = new ArrayList<>();
      for (Cell c : boot.getValue()) {
        assertThat(c.cell().verdict()).as(c.id() + ": " + c.cell()).isEqualTo(expected.get(c.id()));
        List<String> targets = c.cell().modules().stream().map(KabiModule::name).toList();
        scenarios.add(new JudgeScenario(c.id(), c.root(), targets));
      }
      BootReport report = KernelJudge.of(boot.getKey()).judge(scenarios);
      for (Cell c : boot.getValue()) {
        for (KabiModule m : c.cell().modules()) {
          LoadVerdict kernel = report.verdict(c.id(), m.name());
          assertThat(m.verdict()).as(c.id() + " " + m.name() + ": the booted kernel says "
              + kernel.describe()).isEqualTo(kernel.verdict());
          if (m.verdict().equals("symbol-version-mismatch")
              || m.verdict().equals("unknown-symbol")) {
            assertThat(m.symbols()).as(c.id() + " " + m.name()).isEqualTo(kernel.symbols());
          }
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(5);
  }

  /**
   * The matrix of {@code packages} on {@code kernel}'s package, and a copy of the kernel's tree
   * with the cell of package number {@code row} laid out as the matrix placed it.
   */
  private Cell cell(String id, DebianKernel kernel, Path cache, List<Path> packages, int row)
      throws IOException {
    KabiMatrix matrix = KabiMatrixBuilder.create().build(new KabiRequest(
        List.of(new KernelInput(DebianKernelDebs.image(kernel.release()), null)), packages,
        cache));
    KabiCell cell = matrix.cells().get(row);
    Path root = dir.resolve("root-" + id);
    TreeCopies.linkCopy(kernel.modulesDir(), root, kernel.release());
    Path modules = root.resolve("lib/modules").resolve(kernel.release());
    Set<String> placed = new HashSet<>();
    place(matrix.packages().get(row), cell, modules, placed);
    for (String provider : cell.providers()) {
      for (int i = 0; i < matrix.packages().size(); i++) {
        if (matrix.packages().get(i).label().equals(provider)) {
          place(matrix.packages().get(i), matrix.cells().get(i), modules, placed);
        }
      }
    }
    return new Cell(id, cell, matrix, root);
  }

  /** Copies {@code pkg}'s modules to where {@code cell} says they are, unless already there. */
  private void place(KabiPackage pkg, KabiCell cell, Path modules, Set<String> placed)
      throws IOException {
    Path out = dir.resolve("x-" + pkg.file().getFileName() + "-" + placed.size());
    Packages.extract(ExtractionRequest.of(pkg.file(), out)
        .withSelection(PathSelection.moduleFiles()));
    for (KabiModule m : cell.modules()) {
      if (!placed.add(m.name())) {
        continue;
      }
      String base = Path.of(m.file()).getFileName().toString();
      Path source;
      try (Stream<Path> files = Files.walk(out)) {
        source = files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && p.getFileName().toString().equals(base)).findFirst().orElseThrow();
      }
      Path target = modules.resolve(m.file());
      Files.createDirectories(target.getParent());
      Files.copy(source, target);
    }
  }
}
