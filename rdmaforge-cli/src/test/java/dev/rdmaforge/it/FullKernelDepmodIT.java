package dev.rdmaforge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.DepmodOutputs;
import dev.rdmaforge.testkit.DepmodSideBySide;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.RealDepmod;
import dev.rdmaforge.testkit.TreeCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rdmaforge depmod -b} on whole Debian kernels (about 4,000 modules each): every file byte
 * for byte, the warnings and the exit code as kmod 30's depmod. The trees are hard-link copies of
 * the test kit's cache; both tools run on the same copy, one after the other.
 */
class FullKernelDepmodIT {

  static Stream<Named<DebianKernel>> kernels() {
    return DebianKernels.all().stream().map(k -> Named.of(k.release(), k));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  @DisplayName("a distribution kernel's postinst: depmod -a on the freshly unpacked tree")
  void depmodAll_debianKernel_writesTheSameFiles(DebianKernel kernel, @TempDir Path work)
      throws IOException {
    Path base = work.resolve("base");
    Path modulesDir = TreeCopies.linkCopy(kernel.modulesDir(), base, kernel.release());
    Path emptyConfig = Files.createDirectories(work.resolve("empty-depmod.d"));

    DepmodSideBySide.Result result =
        compare(
            modulesDir,
            work,
            List.of("-a", "-b", base.toString(), "-C", emptyConfig.toString(), kernel.release()));

    assertThat(result.real().process().exitCode()).as(result.real().process().describe()).isZero();
    assertThat(DepmodOutputs.topLevelFiles(result.real().outputs()))
        .as("kmod 30 writes exactly the files DepmodOutputs lists")
        .containsExactlyInAnyOrderElementsOf(DepmodOutputs.KMOD30_FILES);
    assertThat(result.mismatches()).as(result.report()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  @DisplayName("a static symbol check of a kernel against its own headers' Module.symvers")
  void depmodSymbolCheck_ownSymvers_printsTheSameWarnings(DebianKernel kernel, @TempDir Path work)
      throws IOException {
    Path base = work.resolve("base");
    Path modulesDir = TreeCopies.linkCopy(kernel.modulesDir(), base, kernel.release());
    Path emptyConfig = Files.createDirectories(work.resolve("empty-depmod.d"));
    List<String> args =
        List.of(
            "-a",
            "-b",
            base.toString(),
            "-C",
            emptyConfig.toString(),
            "-e",
            "-E",
            kernel.requireSymvers().toString(),
            kernel.release());

    DepmodSideBySide.Result result = compare(modulesDir, work, args);

    assertThat(result.real().process().exitCode()).as(result.real().process().describe()).isZero();
    assertThat(result.mismatches()).as(result.report()).isEmpty();
  }

  @Test
  @DisplayName(
      "a kernel update without rebuilt modules: the newest 6.1 tree against the oldest's"
          + " Module.symvers prints thousands of CRC disagreements")
  void depmodSymbolCheck_otherKernelsSymvers_printsTheSameDisagreements(@TempDir Path work)
      throws IOException {
    DebianKernel newest = DebianKernels.newest61();
    DebianKernel oldest = DebianKernels.oldest61();
    Path base = work.resolve("base");
    Path modulesDir = TreeCopies.linkCopy(newest.modulesDir(), base, newest.release());
    Path emptyConfig = Files.createDirectories(work.resolve("empty-depmod.d"));
    List<String> args =
        List.of(
            "-a",
            "-b",
            base.toString(),
            "-C",
            emptyConfig.toString(),
            "-e",
            "-E",
            oldest.requireSymvers().toString(),
            newest.release());

    DepmodSideBySide.Result result = compare(modulesDir, work, args);

    assertThat(result.real().process().stderrLines())
        .as("the reference run must report disagreements, else this test checks nothing")
        .anyMatch(line -> line.contains("disagrees about version of symbol"));
    assertThat(result.mismatches()).as(result.report()).isEmpty();
  }

  private static DepmodSideBySide.Result compare(Path modulesDir, Path work, List<String> args) {
    List<String> ours = new ArrayList<>();
    ours.add("depmod");
    ours.addAll(args);
    return DepmodSideBySide.run(
        modulesDir, work.resolve("outputs"), () -> RealDepmod.run(args), () -> Rdmaforge.run(ours));
  }
}
