package dev.rdmaforge.it.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.judge.BootReport;
import dev.rdmaforge.testkit.judge.JudgeScenario;
import dev.rdmaforge.testkit.judge.KernelJudge;
import dev.rdmaforge.testkit.judge.LoadVerdict;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.packages.KmodRpmBuilder;
import dev.rdmaforge.testkit.packages.KsymRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ofed-like example (issue 5 §7) built by its own scripts with the real rpmbuild, createrepo_c
 * and Kbuild for the oldest and newest installed Debian 6.1 ABIs: an MLNX_OFED bundle (an
 * ofa_kernel-like provider with its -devel, a knem-like module, two user-space packages) and a
 * Lustre-like dependent built against the provider's devel tree as Lustre's {@code
 * --with-o2ib=PATH} and lbuild do. Stands for the sites of seeds 000, 001 and 003: MLNX_OFED
 * built for one kernel errata, Lustre's ko2iblnd built against it, and the node image moving on
 * to the next errata.
 */
class SyntheticBundleIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> TARGETS = List.of("ofa_core", "knem_like", "ko2iblnd_like");

  static Stream<String> releases() {
    return Stream.of(DebianKernels.oldest61().release(), DebianKernels.newest61().release());
  }

  private static SyntheticBundle bundle(String release) {
    SyntheticBundle b = SyntheticBundles.forRelease(release);
    System.out.printf("SyntheticBundleIT: ofed-like for %s %s in %d ms (first call)%n", release,
        b.built() ? "built" : "from the cache", b.took().toMillis());
    return b;
  }

  /** {@code rpm2cpio RPM | cpio -idm} into {@code dir}: the package's files, nothing run. */
  private static Path unpack(Path rpm, Path dir) throws IOException {
    Files.createDirectories(dir);
    ProcessResult r = Processes.run(dir, List.of("sh", "-c", "rpm2cpio \"$0\" | cpio -idm --quiet",
        rpm.toString()));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return dir;
  }

  private static List<String> rpmQuery(Path rpm, String what) {
    ProcessResult r = Processes.runChecked(null, List.of("rpm", "-qp", what, rpm.toString()));
    return r.stdout().lines().toList();
  }

  private static Map<String, String> modversions(Path ko) {
    Map<String, String> crcs = new TreeMap<>();
    ModuleTools.modversions(ko).forEach((sym, crc) -> crcs.put(sym, KsymRequirements.crc(crc)));
    return crcs;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void bundle_isReadAsAnMlnxOfedBundle(String release) {
    SyntheticBundle b = bundle(release);

    Repository repo = Repositories.open(b.bundleDir());

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.MLNX_OFED);
    BundleInfo info = repo.bundle().orElseThrow();
    assertThat(info.version()).isEqualTo(SyntheticBundle.VERSION);
    assertThat(info.distro()).isEqualTo(SyntheticBundle.DISTRO);
    assertThat(info.supportedKernels()).containsExactly(release);
    assertThat(info.packageDir()).isEqualTo(b.packageDir());
    assertThat(b.bundleDir().getFileName().toString())
        .isEqualTo("MLNX_OFED_LINUX-" + SyntheticBundle.VERSION + "-debian12-x86_64");
    Map<String, String> groups = repo.packages().stream()
        .collect(Collectors.toMap(RepositoryPackage::name, RepositoryPackage::group));
    Map<String, String> expected = new TreeMap<>();
    SyntheticBundle.COMMON.forEach(n -> expected.put(n, "COMMON"));
    SyntheticBundle.MLNX_LIBS.forEach(n -> expected.put(n, "MLNX_LIBS"));
    assertThat(groups).isEqualTo(expected);
    String kver = "1.kver." + release.replace('-', '_');
    for (RepositoryPackage p : repo.packages()) {
      assertThat(p.read()).isNotNull(); // size and checksum checked against repodata
      assertThat(p.version().release())
          .isEqualTo(SyntheticBundle.COMMON.contains(p.name()) ? kver : "1");
    }
    assertThat(repo.metadata()).anySatisfy(
        m -> assertThat(m.getFileName().toString()).isEqualTo("repomd.xml"));
    assertThat(b.bundleDir().resolve("src/MLNX_OFED_SRC-" + SyntheticBundle.VERSION + ".tgz"))
        .isRegularFile();
    assertThat(b.dependentSrpm().getFileName().toString()).isEqualTo("lustre-like-1.0-1.src.rpm");
    assertThat(b.dependentSrpm().getParent()).isEqualTo(b.bundleDir().getParent());
  }

  /**
   * RHEL's find-requires.ksyms rules, applied by the spec's own generator: kmod-ofa-like requires
   * kernel(sym) with the CRCs of this kernel's Module.symvers, for exactly the imports the test
   * kit's independent implementation ({@link KsymRequirements}) computes from the same modules.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void kmodRequires_areTheKernelsCrcs(String release, @TempDir Path dir) throws IOException {
    SyntheticBundle b = bundle(release);
    Path kmod = b.rpm("kmod-ofa-like");
    Path files = unpack(kmod, dir.resolve("kmod"));
    Path devel = unpack(b.rpm("ofa-like-devel"), dir.resolve("devel"));
    Path moduleDir = files.resolve("lib/modules/" + release + "/extra/ofa-like");
    List<Path> modules = List.of(moduleDir.resolve("ofa_compat.ko"),
        moduleDir.resolve("ofa_core.ko"));
    Path providerSymvers =
        devel.resolve("usr/src/ofa_kernel/x86_64/" + release + "/Module.symvers");
    Path kernelSymvers = DebianKernels.fetch(release).requireSymvers();
    Map<String, String> own =
        KsymRequirements.symvers(providerSymvers, Set.of("ofa_compat", "ofa_core"));

    List<String> requires = rpmQuery(kmod, "--requires");
    List<String> symbolRequires = requires.stream()
        .filter(l -> l.startsWith("kernel(") || l.startsWith("ksym(")).toList();

    assertThat(symbolRequires).containsExactlyInAnyOrderElementsOf(
        KsymRequirements.lines(modules, own, kernelSymvers));
    assertThat(symbolRequires).contains("kernel(module_layout) = "
        + KsymRequirements.crc(KsymRequirements.symvers(kernelSymvers, null).get("module_layout")));
    Map<String, String> kernelCrcs = KsymRequirements.symvers(kernelSymvers, null);
    assertThat(symbolRequires).allSatisfy(l -> {
      assertThat(l).startsWith("kernel(");
      String sym = l.substring("kernel(".length(), l.indexOf(')'));
      assertThat(l).endsWith(" = " + KsymRequirements.crc(kernelCrcs.get(sym)));
    });
    assertThat(requires).contains("kernel-uname-r = " + KmodRpmBuilder.unameVersion(release));
    List<String> provides = rpmQuery(kmod, "--provides");
    assertThat(provides).contains("kmod(ofa_compat.ko)", "kmod(ofa_core.ko)");
    own.forEach((sym, crc) ->
        assertThat(provides).contains("ksym(" + sym + ") = " + KsymRequirements.crc(crc)));
    assertThat(Files.readString(files.resolve("etc/depmod.d/zz01-ofa-like.conf")))
        .isEqualTo("override ofa_compat * extra/ofa-like\noverride ofa_core * extra/ofa-like\n");
  }

  /**
   * Lustre's o2iblnd case: ko2iblnd_like records, for every ofa_core export it calls, the CRC of
   * the provider build it was built against (the bundle's ofa-like-devel of the same kernel), and
   * its package requires exactly those as ksym(), which kmod-ofa-like provides.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void dependent_carriesTheCrcsOfItsProviderBuild(String release, @TempDir Path dir)
      throws IOException {
    SyntheticBundle b = bundle(release);
    Path devel = unpack(b.rpm("ofa-like-devel"), dir.resolve("devel"));
    Map<String, String> provider = new TreeMap<>();
    KsymRequirements.symvers(
        devel.resolve("usr/src/ofa_kernel/x86_64/" + release + "/Module.symvers"),
        Set.of("ofa_core")).forEach((sym, crc) -> provider.put(sym, KsymRequirements.crc(crc)));
    Path ko = unpack(b.dependentRpm(), dir.resolve("lustre"))
        .resolve("lib/modules/" + release + "/extra/lustre-like/net/ko2iblnd_like.ko");

    Map<String, String> imports = modversions(ko);
    Map<String, String> fromProvider = new TreeMap<>(imports);
    fromProvider.keySet().retainAll(provider.keySet());

    assertThat(fromProvider).hasSize(6).isEqualTo(provider);
    assertThat(ModuleTools.modinfo(ko, "depends")).singleElement()
        .satisfies(d -> assertThat(d.split(",")).containsExactlyInAnyOrder("lnet_like",
            "ofa_core"));
    List<String> requires = rpmQuery(b.dependentRpm(), "--requires");
    List<String> providerProvides = rpmQuery(b.rpm("kmod-ofa-like"), "--provides");
    provider.forEach((sym, crc) -> {
      assertThat(requires).contains("ksym(" + sym + ") = " + crc);
      assertThat(providerProvides).contains("ksym(" + sym + ") = " + crc);
    });
  }

  /**
   * The node image moves from 6.1.0-47 to 6.1.0-56. check names why the stack built for 47 does
   * not load there (weak-modules refuses every module: Debian's ABI bump changed module_layout's
   * CRC), and that the stack built for 56 loads; the booted 56 kernel agrees on every target, on
   * the package roots check composed and on the 47 root with the links forced in, where the
   * kernel itself refuses module_layout.
   */
  @Test
  void upgradeTo56_47StackRefused_56StackLoads_bootedKernelAgrees(@TempDir Path dir)
      throws IOException {
    DebianKernel newest = DebianKernels.newest61();
    String n = newest.release();
    String o = DebianKernels.oldest61().release();
    SyntheticBundle old = bundle(o);
    SyntheticBundle current = bundle(n);
    Path kernelDeb = DebianKernelDebs.image(n);
    Path symvers = newest.requireSymvers();

    Path root47 = dir.resolve("root47");
    ProcessResult text = check(kernelDeb, symvers, old, root47, false);
    assertThat(text.exitCode()).as(text.describe()).isEqualTo(1);
    for (String module : List.of("ofa_compat.ko", "ofa_core.ko", "knem_like.ko",
        "lnet_like.ko", "ko2iblnd_like.ko")) {
      assertThat(text.stdout()).as(text.describe()).containsPattern("\\(not made\\) lib/modules/"
          + n + "/weak-updates/\\S*/" + module + " -> /lib/modules/" + o + "/extra/\\S*/" + module
          + "\\n    incompatible with " + n + " [^\\n]*disagrees about version of symbol"
          + " module_layout: built against 0x160c03af, vmlinux in the target has 0x9060323f");
    }
    JsonNode packages47 = json(check(kernelDeb, symvers, old, null, true));
    assertThat(verdicts(packages47)).containsExactly("not-found", "not-found", "not-found");

    Path root56 = dir.resolve("root56");
    JsonNode packages56 = json(check(kernelDeb, symvers, current, root56, true));
    assertThat(verdicts(packages56)).containsExactly("loads", "loads", "loads");
    assertThat(packages56.get("findings")).isEmpty();

    // The 47 stack with the links weak-modules refused made anyway, as a forced install would.
    Path forced = dir.resolve("forced47");
    ProcessResult copy = Processes.run(null, List.of("cp", "-a", root47.toString(),
        forced.toString()));
    assertThat(copy.exitCode()).as(copy.describe()).isZero();
    for (String path : List.of("ofa-like/ofa_compat.ko", "ofa-like/ofa_core.ko",
        "knem-like/knem_like.ko", "lustre-like/net/lnet_like.ko",
        "lustre-like/net/ko2iblnd_like.ko")) {
      Path link = forced.resolve("lib/modules/" + n + "/weak-updates/" + path);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, Path.of("/lib/modules/" + o + "/extra/" + path));
    }
    List<String> forcedArgs = new ArrayList<>(List.of("check", "--json", "--root",
        forced.toString(), "--kernel", n, "--symvers", symvers.toString()));
    forcedArgs.addAll(TARGETS);
    JsonNode forcedCheck = json(Rdmaforge.run(forcedArgs));
    assertThat(forcedCheck.get("results").get(1).get("verdict").asString())
        .isEqualTo("symbol-version-mismatch");
    assertThat(forcedCheck.get("results").get(1).get("symbols").toString())
        .isEqualTo("[\"module_layout\"]");

    BootReport report = KernelJudge.of(newest).judge(List.of(
        new JudgeScenario("s47", root47, TARGETS),
        new JudgeScenario("s47-forced", forced, TARGETS),
        new JudgeScenario("s56", root56, TARGETS)));
    System.out.printf("SyntheticBundleIT: boot %s, %d targets in %d ms%n", n,
        report.verdicts().size(), report.boot().toMillis());
    Map<String, JsonNode> predicted = Map.of("s47", packages47, "s47-forced", forcedCheck,
        "s56", packages56);
    for (LoadVerdict kernel : report.verdicts()) {
      JsonNode ours = predicted.get(kernel.scenario()).get("results")
          .get(TARGETS.indexOf(kernel.module()));
      compare(kernel, ours);
    }
    assertThat(report.verdicts()).filteredOn(v -> v.scenario().equals("s56"))
        .extracting(LoadVerdict::verdict).containsExactly("loads", "loads", "loads");
    assertThat(report.verdict("s47-forced", "knem_like").symbols())
        .containsExactly("module_layout");
  }

  /**
   * {@code check --packages BUNDLE DEPENDENT --kernel-package KERNEL} for the three targets, in
   * text or JSON, keeping the composed root in {@code keepRoot} unless it is null.
   */
  private static ProcessResult check(Path kernelDeb, Path symvers, SyntheticBundle bundle,
      Path keepRoot, boolean json) {
    List<String> args = new ArrayList<>(List.of("check", "--symvers", symvers.toString()));
    if (json) {
      args.add("--json");
    }
    if (keepRoot != null) {
      args.addAll(List.of("--package-root", keepRoot.toString()));
    }
    args.addAll(TARGETS);
    args.addAll(List.of("--kernel-package", kernelDeb.toString(), "--packages",
        bundle.bundleDir().toString(), bundle.dependentRpm().toString()));
    return Rdmaforge.run(args);
  }

  private static JsonNode json(ProcessResult r) {
    assertThat(r.exitCode()).as(r.describe()).isIn(0, 1);
    JsonNode doc = JSON.readTree(r.stdout());
    assertThat(doc.get("schema").asInt()).isEqualTo(1);
    return doc;
  }

  private static List<String> verdicts(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.get("results").forEach(r -> out.add(r.get("verdict").asString()));
    return out;
  }

  private static void compare(LoadVerdict kernel, JsonNode ours) {
    String why = "kernel said " + kernel.describe() + "; rdmaforge said " + ours;
    assertThat(ours.get("module").asString()).as(why).isEqualTo(kernel.module());
    assertThat(ours.get("verdict").asString()).as(why).isEqualTo(kernel.verdict());
    JsonNode blocked = ours.get("blocked_by");
    assertThat(blocked == null || blocked.isNull() ? null : blocked.asString()).as(why)
        .isEqualTo(kernel.blockedBy());
    List<String> symbols = new ArrayList<>();
    ours.get("symbols").forEach(s -> symbols.add(s.asString()));
    assertThat(symbols).as(why).containsExactlyElementsOf(kernel.symbols());
    List<String> taints = new ArrayList<>();
    ours.get("taints").forEach(t -> taints.add(t.asString()));
    assertThat(taints.stream().sorted().toList()).as(why)
        .containsExactlyElementsOf(kernel.taints());
    if (kernel.file() != null) {
      assertThat(ours.get("file").asString()).as(why).isEqualTo(kernel.file());
    }
  }
}
