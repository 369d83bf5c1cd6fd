package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.judge.BootReport;
import dev.rdmaforge.testkit.judge.JudgeScenario;
import dev.rdmaforge.testkit.judge.KernelJudge;
import dev.rdmaforge.testkit.judge.LoadVerdict;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of issue 5 §7: the 6.1.0-47 ofed-like bundle and its lustre-like dependent, rebuilt
 * by {@code rdmaforge build} for 6.1.0-56, installed from the output (the whole bundle, both
 * kernels' packages, and the dependents) and loaded by the booted 6.1.0-56 kernel: ofa_core,
 * knem_like and ko2iblnd_like load, as check and the build's own load check said.
 */
class BuildBootIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> TARGETS = List.of("ofa_core", "knem_like", "ko2iblnd_like");

  @TempDir Path dir;

  @Test
  void rebuiltStack_loadsInTheBooted56Kernel() throws IOException {
    DebianKernel newest = DebianKernels.newest61();
    String n = newest.release();
    SyntheticBundle old = SyntheticBundles.forRelease(DebianKernels.oldest61().release());
    Path stack = Files.writeString(dir.resolve("stack.yaml"), "bundle: " + old.bundleDir()
        + "\nkernels:\n  - release: " + n + "\n    headers: /usr/src/linux-headers-" + n
        + "\ndependents:\n  - name: lustre-like\n    source: " + old.dependentSrpm()
        + "\n    provider: kmod-ofa-like\n"
        + "output:\n  format: rpm\n  directory: ./out\n");
    ProcessResult build = Rdmaforge.run("build", stack.toString(), "--store",
        dir.resolve("store").toString(), "--work", dir.resolve("work").toString());
    assertThat(build.exitCode()).as(build.describe()).isZero();

    Path out = dir.resolve("out");
    Path root = dir.resolve("root");
    List<String> args = new ArrayList<>(List.of("check", "--json", "--symvers",
        newest.requireSymvers().toString(), "--package-root", root.toString()));
    args.addAll(TARGETS);
    args.addAll(List.of("--kernel-package", DebianKernelDebs.image(n).toString(), "--packages",
        out.resolve("MLNX_OFED_LINUX-" + SyntheticBundle.VERSION + "-debian12-x86_64")
            .toString(), out.resolve("dependents").toString()));
    ProcessResult check = Rdmaforge.run(args);
    assertThat(check.exitCode()).as(check.describe()).isZero();
    JsonNode predicted = JSON.readTree(check.stdout());
    List<String> ours = new ArrayList<>();
    predicted.get("results").forEach(r -> ours.add(r.get("verdict").asString()));
    assertThat(ours).containsExactly("loads", "loads", "loads");

    BootReport report = KernelJudge.of(newest).judge(List.of(
        new JudgeScenario("rebuilt", root, TARGETS)));
    System.out.printf("BuildBootIT: boot %s, %d targets in %d ms%n", n,
        report.verdicts().size(), report.boot().toMillis());

    assertThat(report.verdicts()).extracting(LoadVerdict::module)
        .containsExactlyElementsOf(TARGETS);
    assertThat(report.verdicts()).allSatisfy(v ->
        assertThat(v.verdict()).as(v.describe()).isEqualTo(LoadVerdict.LOADS));
  }
}
