package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.packages.KsymRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rdmaforge plan} and {@code build} on the ofed-like example: the bundle built for Debian
 * 6.1.0-47 (as a site receives MLNX_OFED for one kernel errata) and its lustre-like dependent,
 * rebuilt for 6.1.0-56, the kernel the node image moves to (seeds 000, 001 and 003: what
 * mlnx_add_kernel_support.sh and Lustre's lbuild do by hand), with the real rpmbuild, Kbuild and
 * createrepo_c.
 */
class BuildIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BUNDLE = "MLNX_OFED_LINUX-" + SyntheticBundle.VERSION
      + "-debian12-x86_64";

  @TempDir Path dir;

  private final String oldRelease = DebianKernels.oldest61().release();
  private final String newRelease = DebianKernels.newest61().release();

  private SyntheticBundle bundle() {
    return SyntheticBundles.forRelease(oldRelease);
  }

  /** A stack.yaml in {@code dir} targeting the new kernel; {@code options} as YAML flow list. */
  private Path stack(Path srpm, String options) throws IOException {
    String yaml = "bundle: " + bundle().bundleDir() + "\n"
        + "kernels:\n"
        + "  - release: " + newRelease + "\n"
        + "    headers: /usr/src/linux-headers-" + newRelease + "\n"
        + "dependents:\n"
        + "  - name: lustre-like\n"
        + "    source: " + srpm + "\n"
        + "    provider: kmod-ofa-like\n"
        + "    options: " + options + "\n"
        + "output:\n"
        + "  format: rpm\n"
        + "  directory: ./out\n"
        + "  repository: yum\n";
    return Files.writeString(dir.resolve("stack.yaml"), yaml);
  }

  private Path stack() throws IOException {
    return stack(bundle().dependentSrpm(), "[\"--with-o2ib={provider.devel}\"]");
  }

  private ProcessResult run(String command, Path stack, String... more) {
    List<String> args = new ArrayList<>(List.of(command, stack.toString(), "--store",
        dir.resolve("store").toString()));
    if (command.equals("build")) {
      args.addAll(List.of("--work", dir.resolve("work").toString()));
    }
    args.addAll(List.of(more));
    return Rdmaforge.run(args);
  }

  private JsonNode plan(Path stack) {
    ProcessResult r = run("plan", stack, "--json");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    JsonNode doc = JSON.readTree(r.stdout());
    assertThat(doc.get("schema").asInt()).isEqualTo(1);
    return doc;
  }

  private static List<String> ids(JsonNode plan) {
    List<String> ids = new ArrayList<>();
    plan.get("steps").forEach(s -> ids.add(s.get("id").asString()));
    return ids;
  }

  private String id(String kind, String name) {
    return kind + "/" + name + "/" + newRelease;
  }

  @Test
  void plan_rebuildsBothKernelPackages_dependentAfterItsProvider() throws IOException {
    JsonNode plan = plan(stack());

    assertThat(plan.get("refused").asBoolean()).isFalse();
    List<String> ids = ids(plan);
    assertThat(ids).containsExactlyInAnyOrder(id("rebuild", "ofa-like"),
        id("rebuild", "knem-like"), id("dependent", "lustre-like"));
    assertThat(ids.indexOf(id("dependent", "lustre-like")))
        .isGreaterThan(ids.indexOf(id("rebuild", "ofa-like")));
    for (JsonNode s : plan.get("steps")) {
      assertThat(s.get("cached").asBoolean()).isFalse();
      assertThat(s.get("key").asString()).hasSize(64);
      assertThat(s.get("kernel").asString()).isEqualTo(newRelease);
      if (s.get("kind").asString().equals("rebuild-kernel-package")) {
        // Debian's ABI bump: the 47 build fails module_layout on 56, as weak-modules says.
        assertThat(s.get("reason").asString()).contains("does not load on " + newRelease
            + ": symbol-version-mismatch").contains("module_layout");
      } else {
        assertThat(s.get("dependsOn").toString())
            .isEqualTo("[\"" + id("rebuild", "ofa-like") + "\"]");
      }
    }
    assertThat(plan.get("kernels").get(0).get("rebuilt").toString())
        .isEqualTo("[\"kmod-knem-like\",\"kmod-ofa-like\"]");
    ProcessResult text = run("plan", stack());
    assertThat(text.stdout()).as(text.describe()).contains("3 to build, 0 cached");
  }

  /**
   * The whole story: the bundle remade in MLNX_OFED's layout with the 56 packages, checked, and
   * a second run that builds nothing.
   */
  @Test
  void build_writesTheBundleLayout_thenASecondRunBuildsNothing() throws IOException {
    Path stack = stack();
    ProcessResult first = run("build", stack);
    assertThat(first.exitCode()).as(first.describe()).isZero();
    assertThat(first.stdout()).contains("built    " + id("rebuild", "ofa-like"),
        "built    " + id("dependent", "lustre-like"), "done: 3 built, 0 cached",
        "load check: " + newRelease + ": kmod-lustre-like-1.0-1.kver."
            + newRelease.replace('-', '_') + ".x86_64: loads");

    Path out = dir.resolve("out");
    Path bundle = out.resolve(BUNDLE);
    Repository repo = Repositories.open(bundle);
    assertThat(repo.layout()).isEqualTo(RepositoryLayout.MLNX_OFED);
    BundleInfo info = repo.bundle().orElseThrow();
    assertThat(info.supportedKernels()).containsExactly(oldRelease, newRelease);
    assertThat(Files.readString(bundle.resolve("supported_kernels")))
        .isEqualTo(oldRelease + "\n" + newRelease + "\n");
    String kver = "1.kver." + newRelease.replace('-', '_');
    String oldKver = "1.kver." + oldRelease.replace('-', '_');
    for (String name : SyntheticBundle.COMMON) {
      assertThat(repo.named(name)).extracting(p -> p.version().release())
          .containsExactlyInAnyOrder(oldKver, kver);
      assertThat(repo.named(name)).extracting(RepositoryPackage::group).containsOnly("COMMON");
    }
    for (RepositoryPackage p : repo.packages()) {
      assertThat(p.read()).isNotNull(); // listed by the regenerated repodata, size and digest
    }
    assertThat(originalFiles(bundle().bundleDir())).allSatisfy(rel ->
        assertThat(bundle.resolve(rel)).exists());
    assertThat(out.resolve(BUNDLE + ".tgz")).isRegularFile();
    ProcessResult tar = Processes.runChecked(null, List.of("tar", "tzf",
        out.resolve(BUNDLE + ".tgz").toString()));
    assertThat(tar.stdout()).contains(BUNDLE + "/RPMS/COMMON/kmod-ofa-like-1.0-" + kver
        + ".x86_64.rpm");
    assertThat(tar.stderr()).isEmpty();
    Path dependent = out.resolve("dependents/kmod-lustre-like-1.0-" + kver + ".x86_64.rpm");
    assertThat(dependent).isRegularFile();

    // RHEL's kmod requirements of the rebuilt provider name the 56 kernel's CRCs.
    Path kmod = bundle.resolve("RPMS/COMMON/kmod-ofa-like-1.0-" + kver + ".x86_64.rpm");
    Map<String, String> kernelCrcs =
        KsymRequirements.symvers(DebianKernels.newest61().requireSymvers(), null);
    List<String> requires = Processes.runChecked(null, List.of("rpm", "-qp", "--requires",
        kmod.toString())).stdout().lines().filter(l -> l.startsWith("kernel(")).toList();
    assertThat(requires).isNotEmpty().contains("kernel(module_layout) = "
        + KsymRequirements.crc(kernelCrcs.get("module_layout")));
    assertThat(requires).allSatisfy(l -> assertThat(l).endsWith(" = " + KsymRequirements.crc(
        kernelCrcs.get(l.substring("kernel(".length(), l.indexOf(')'))))));

    // Lustre's o2iblnd case: ko2iblnd_like records the CRCs of the rebuilt ofa_core.
    Path devel = unpack(bundle.resolve("RPMS/COMMON/ofa-like-devel-1.0-" + kver
        + ".x86_64.rpm"), dir.resolve("devel"));
    Map<String, String> provider = new TreeMap<>();
    KsymRequirements.symvers(devel.resolve("usr/src/ofa_kernel/x86_64/" + newRelease
        + "/Module.symvers"), Set.of("ofa_core"))
        .forEach((s, c) -> provider.put(s, KsymRequirements.crc(c)));
    Path ko = unpack(dependent, dir.resolve("lustre")).resolve("lib/modules/" + newRelease
        + "/extra/lustre-like/net/ko2iblnd_like.ko");
    Map<String, String> imports = new TreeMap<>();
    ModuleTools.modversions(ko).forEach((s, c) -> imports.put(s, KsymRequirements.crc(c)));
    imports.keySet().retainAll(provider.keySet());
    assertThat(provider).isNotEmpty();
    assertThat(imports).isEqualTo(provider);

    long start = System.nanoTime();
    ProcessResult second = run("build", stack);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("BuildIT: fully cached re-run of build in %d ms%n", ms);
    assertThat(second.exitCode()).as(second.describe()).isZero();
    try (Stream<Path> work = Files.list(dir.resolve("work"))) {
      assertThat(work).as("a successful build removes its work directory").isEmpty();
    }
    assertThat(second.stdout()).doesNotContain("started").contains("cached   "
        + id("rebuild", "ofa-like"), "output " + out + " is up to date",
        "done: 0 built, 3 cached");
    assertThat(plan(stack).get("steps")).allSatisfy(s ->
        assertThat(s.get("cached").asBoolean()).isTrue());
  }

  /** A new lustre-like release (its source changed): only the dependent builds again. */
  @Test
  void build_changedDependentSource_rebuildsOnlyTheDependent() throws IOException {
    ProcessResult first = run("build", stack());
    assertThat(first.exitCode()).as(first.describe()).isZero();
    Path changed = changedDependentSrpm();

    Path stack = stack(changed, "[\"--with-o2ib={provider.devel}\"]");
    ProcessResult second = run("build", stack);

    assertThat(second.exitCode()).as(second.describe()).isZero();
    assertThat(second.stdout()).contains("cached   " + id("rebuild", "ofa-like"),
        "cached   " + id("rebuild", "knem-like"), "built    " + id("dependent", "lustre-like"),
        "done: 1 built, 2 cached", "wrote " + dir.resolve("out"));
  }

  /**
   * Azure/azhpc-images#570's kind of mistake: the dependent's --with-o2ib points at nothing. Only
   * its step fails, with the log line named; the provider rebuilds are kept in the store.
   */
  @Test
  void build_badO2ibPath_failsOnlyTheDependent() throws IOException {
    Path stack = stack(bundle().dependentSrpm(), "[\"--with-o2ib=/nonexistent/ofa\"]");

    ProcessResult r = run("build", stack);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stdout()).contains("built    " + id("rebuild", "ofa-like"),
        "built    " + id("rebuild", "knem-like"));
    assertThat(r.stdout()).containsPattern("FAILED   " + id("dependent", "lustre-like")
        .replace(".", "\\.") + " after [0-9.]+ s: rpmbuild exited with 1: \\S+/logs/"
        + "dependent_lustre-like_\\S+\\.log:\\d+: configure: error: bad --with-o2ib path; the --with-o2ib path has no include/rdma/");
    assertThat(r.stderr()).contains("build failed: 1 step(s) failed, 0 not run");
    try (Stream<Path> logs = Files.walk(dir.resolve("work"))) {
      Path log = logs.filter(p -> p.getFileName().toString()
          .equals("dependent_lustre-like_" + newRelease + ".log")).findFirst().orElseThrow();
      assertThat(r.stdout()).contains(log + ":");
      assertThat(Files.readString(log)).contains("configure: error: bad --with-o2ib path");
    }
    assertThat(dir.resolve("out")).doesNotExist();
    JsonNode plan = plan(stack);
    for (JsonNode s : plan.get("steps")) {
      assertThat(s.get("cached").asBoolean()).as(s.toString())
          .isEqualTo(!s.get("kind").asString().equals("build-dependent"));
    }
  }

  /**
   * The headers of 6.1.0-47 given for the 6.1.0-56 kernel (a wrong kernel-devel in the image
   * recipe): the pre-checks refuse before anything is built, and build runs no step.
   */
  @Test
  void planAndBuild_headersOfAnotherKernel_refusedBeforeAnyStep() throws IOException {
    Path stack = stack();
    Files.writeString(stack, Files.readString(stack).replace(
        "headers: /usr/src/linux-headers-" + newRelease,
        "headers: /usr/src/linux-headers-" + oldRelease));

    ProcessResult plan = run("plan", stack);
    ProcessResult build = run("build", stack);

    assertThat(plan.exitCode()).as(plan.describe()).isEqualTo(1);
    assertThat(plan.stdout()).contains("error RF-STK-004", "refused: nothing is planned");
    assertThat(build.exitCode()).as(build.describe()).isEqualTo(1);
    assertThat(build.stderr()).contains("error RF-STK-004");
    assertThat(build.stdout()).doesNotContain("started");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /** lustre-like's SRPM made again from the example with one more line in its source. */
  private Path changedDependentSrpm() throws IOException {
    Path example = SyntheticBundles.exampleDir();
    Path src = dir.resolve("lustre-src/lustre-like-1.0");
    Files.createDirectories(src.getParent());
    Processes.runChecked(null, List.of("cp", "-R", example.resolve("lustre-like/src").toString(),
        src.toString()));
    Path c = src.resolve("lnet_like.c");
    Files.writeString(c, Files.readString(c) + "/* lustre-like 1.0 with a site fix */\n");
    Path sources = Files.createDirectories(dir.resolve("lustre-sources"));
    Processes.runChecked(null, List.of("tar", "--sort=name", "--owner=0", "--group=0", "-C",
        src.getParent().toString(), "-czf", sources.resolve("lustre-like-1.0.tar.gz").toString(),
        "lustre-like-1.0"));
    Files.copy(example.resolve("common/ksym-deps.sh"), sources.resolve("ksym-deps.sh"));
    Path srpms = Files.createDirectories(dir.resolve("srpms"));
    Path top = dir.resolve("srpm-top");
    Processes.runChecked(null, List.of("rpmbuild", "-bs", "--define", "_topdir " + top,
        "--define", "_sourcedir " + sources, "--define", "_srcrpmdir " + srpms,
        example.resolve("lustre-like/lustre-like.spec").toString()));
    return srpms.resolve("lustre-like-1.0-1.src.rpm");
  }

  private static Path unpack(Path rpm, Path into) throws IOException {
    Files.createDirectories(into);
    ProcessResult r = Processes.run(into, List.of("sh", "-c",
        "rpm2cpio \"$0\" | cpio -idm --quiet", rpm.toString()));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return into;
  }

  private static List<String> originalFiles(Path bundle) throws IOException {
    try (Stream<Path> s = Files.walk(bundle)) {
      return s.filter(Files::isRegularFile).map(p -> bundle.relativize(p).toString())
          .filter(p -> !p.startsWith("RPMS/repodata/")).toList();
    }
  }
}
