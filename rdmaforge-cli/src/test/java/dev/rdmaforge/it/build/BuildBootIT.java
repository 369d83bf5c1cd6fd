package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.bundle.SyntheticDebBundle;
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
 * The proof of issue 5 §7: the 6.1.0-47 ofed-like bundle and its lustre-like dependent, as RPMs
 * and as Debian packages, rebuilt by {@code rdmaforge build} for 6.1.0-56, laid out from the
 * output (the whole bundle, both kernels' packages, and the dependents) and loaded by the booted
 * 6.1.0-56 kernel: ofa_core, knem_like and ko2iblnd_like load from both, as check and the build's
 * own load check said.
 */
class BuildBootIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> TARGETS = List.of("ofa_core", "knem_like", "ko2iblnd_like");

  @TempDir Path dir;

  @Test
  void rebuiltStacks_rpmAndDeb_loadInTheBooted56Kernel() throws IOException {
    DebianKernel newest = DebianKernels.newest61();
    String n = newest.release();
    String o = DebianKernels.oldest61().release();
    SyntheticBundle rpm = SyntheticBundles.forRelease(o);
    SyntheticDebBundle deb = SyntheticBundles.debForRelease(o);
    Path rpmRoot = buildAndCheck("rpm", rpm.bundleDir(), rpm.dependentSrpm(), "kmod-ofa-like",
        newest);
    Path debRoot = buildAndCheck("deb", deb.bundleDir(), deb.dependentSource(),
        "ofa-like-modules", newest);

    // One boot judges both results: each scenario is its own module tree.
    BootReport report = KernelJudge.of(newest).judge(List.of(
        new JudgeScenario("rebuilt-rpm", rpmRoot, TARGETS),
        new JudgeScenario("rebuilt-deb", debRoot, TARGETS)));
    System.out.printf("BuildBootIT: boot %s, %d verdicts in %d ms%n", n,
        report.verdicts().size(), report.boot().toMillis());

    assertThat(report.verdicts()).extracting(LoadVerdict::module)
        .containsExactlyElementsOf(List.of("ofa_core", "knem_like", "ko2iblnd_like",
            "ofa_core", "knem_like", "ko2iblnd_like"));
    assertThat(report.verdicts()).allSatisfy(v ->
        assertThat(v.verdict()).as(v.describe()).isEqualTo(LoadVerdict.LOADS));
  }

  /**
   * Builds the stack for {@code newest} into {@code dir/FORMAT-out}, lays the result out with the
   * kernel package in {@code dir/FORMAT-root} and asserts that check predicts every target loads.
   */
  private Path buildAndCheck(String format, Path bundle, Path dependent, String provider,
      DebianKernel newest) throws IOException {
    String n = newest.release();
    Path stack = Files.writeString(dir.resolve(format + ".yaml"), "bundle: " + bundle
        + "\nkernels:\n  - release: " + n + "\n    headers: /usr/src/linux-headers-" + n
        + "\ndependents:\n  - name: lustre-like\n    source: " + dependent
        + "\n    provider: " + provider + "\n"
        + "output:\n  format: " + format + "\n  directory: ./" + format + "-out\n");
    ProcessResult build = Rdmaforge.run("build", stack.toString(), "--store",
        dir.resolve("store").toString(), "--work", dir.resolve("work").toString());
    assertThat(build.exitCode()).as(build.describe()).isZero();

    Path out = dir.resolve(format + "-out");
    Path root = dir.resolve(format + "-root");
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
    assertThat(ours).as(format).containsExactly("loads", "loads", "loads");
    return root;
  }
}
