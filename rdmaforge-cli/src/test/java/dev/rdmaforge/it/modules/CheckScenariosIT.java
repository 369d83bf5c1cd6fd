package dev.rdmaforge.it.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.RealDepmod;
import dev.rdmaforge.testkit.TreeCopies;
import dev.rdmaforge.testkit.modules.CheckScenario;
import dev.rdmaforge.testkit.modules.CheckScenarios;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.modules.ScenarioBoot;
import dev.rdmaforge.testkit.modules.TestSigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario catalogue of issue 3 §7 built for real (no QEMU): each root holds exactly the
 * modules it claims, the variants are what kmod and depmod say they are, and the static view of
 * kmod's depmod agrees with the story each scenario stands for.
 */
class CheckScenariosIT {

  private static final Set<String> MLX5 =
      Set.of(
          "kernel/drivers/infiniband/core/ib_core.ko",
          "kernel/drivers/infiniband/core/ib_uverbs.ko",
          "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko",
          "kernel/drivers/net/ethernet/mellanox/mlx5/core/mlx5_core.ko");

  @TempDir static Path base;

  private static List<CheckScenario> scenarios;
  private static DebianKernel newest;
  private static DebianKernel oldest;

  @BeforeAll
  static void buildCatalogue() {
    newest = DebianKernels.newest61();
    oldest = DebianKernels.oldest61();
    long start = System.nanoTime();
    scenarios = CheckScenarios.of(newest, oldest).buildAll(base);
    System.out.printf(
        "%d scenario roots built in %d ms%n",
        scenarios.size(), (System.nanoTime() - start) / 1_000_000);
  }

  private static CheckScenario scenario(String idPrefix) {
    return scenarios.stream()
        .filter(s -> s.id().startsWith(idPrefix + "-"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no scenario " + idPrefix));
  }

  @Test
  @DisplayName(
      "the 15 scenarios of issue 3 §7 (and their variants) and s16-17, the modprobe.d lines of §2,"
          + " all for the newest kernel")
  void catalogue_ids_coverIssueScenarios() {
    Set<String> numbers = new TreeSet<>();
    for (CheckScenario s : scenarios) {
      assertThat(s.id()).matches("s\\d\\d[a-z]?-[a-z0-9-]+");
      assertThat(s.kernel().release()).isEqualTo(newest.release());
      assertThat(s.targets()).isNotEmpty();
      assertThat(s.standsFor()).isNotBlank();
      numbers.add(s.id().substring(1, 3));
    }
    assertThat(numbers).hasSize(17);
    assertThat(scenarios).extracting(CheckScenario::id).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("each root: the kernel's metadata, config dirs, no modules.dep, exactly its modules")
  void roots_containExactlyTheirModules() throws Exception {
    String o = oldest.release();
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("s01", "extra/consumer.ko extra/provider.ko"),
            Map.entry("s02", "extra/consumer.ko extra/provider.ko"),
            Map.entry("s03", "extra/consumer.ko"),
            Map.entry("s04", "extra/ib_client.ko updates/ib_core.ko"),
            Map.entry("s04e", "extra/ib_client.ko updates/ib_core.ko"),
            Map.entry("s05", "extra/ib_client.ko updates/ib_core.ko"),
            Map.entry("s06", "extra/consumer.ko weak-updates/provider.ko"),
            Map.entry("s07", "extra/plain.ko"),
            Map.entry("s07e", "extra/plain.ko"),
            Map.entry("s08e", "extra/plain.ko"),
            Map.entry("s08t", "extra/plain.ko"),
            Map.entry("s08d", "kernel/lib/crc8.ko"),
            Map.entry("s09", "extra/plain.ko"),
            Map.entry("s10", "extra/middle.ko extra/provider.ko extra/top.ko"),
            Map.entry("s11a", "extra/provider.ko extra/softdep_user.ko"),
            Map.entry("s11b", "extra/plain.ko extra/provider.ko"),
            Map.entry("s12", ""),
            Map.entry("s13", "extra/consumer.ko.zst extra/provider.ko.xz"),
            Map.entry("s14", ""),
            Map.entry("s14e", ""),
            Map.entry("s15a", "extra/proprietary.ko extra/provider.ko"),
            Map.entry("s15b", "extra/fw_user.ko"),
            Map.entry("s15c", "extra/fw_user.ko"),
            Map.entry("s16a", "extra/plain.ko"),
            Map.entry("s16b", "extra/consumer.ko extra/provider.ko"),
            Map.entry("s16c", "extra/plain.ko"),
            Map.entry("s16d", "extra/plain.ko"),
            Map.entry("s16m", "extra/consumer.ko extra/provider.ko"),
            Map.entry("s16n", "extra/plain.ko extra/provider.ko"),
            Map.entry("s17a", ""),
            Map.entry("s17b", ""),
            Map.entry("s16p", "extra/plain.ko extra/provider.ko"));
    assertThat(scenarios).hasSameSizeAs(expected.keySet());
    for (CheckScenario s : scenarios) {
      String number = s.id().substring(0, s.id().indexOf('-'));
      Set<String> modules = moduleFiles(s.modulesDir());
      Set<String> outOfTree =
          modules.stream()
              .filter(m -> !m.startsWith("kernel/"))
              .collect(Collectors.toCollection(TreeSet::new));
      if (number.equals("s08d")) {
        outOfTree.addAll(modules);
      }
      assertThat(String.join(" ", outOfTree)).as(s.id()).isEqualTo(expected.get(number));
      for (String file : List.of("modules.builtin", "modules.builtin.modinfo", "modules.order")) {
        assertThat(s.modulesDir().resolve(file)).as(s.id()).isRegularFile();
      }
      assertThat(s.modulesDir().resolve("modules.dep")).as(s.id()).doesNotExist();
      assertThat(s.root().resolve("etc/depmod.d")).isDirectory();
      assertThat(s.root().resolve("etc/modprobe.d")).isDirectory();
      if (number.matches("s0[45]e?|s14e?")) {
        assertThat(modules).as("%s has the mlx5_ib stack", s.id()).containsAll(MLX5);
      }
    }
    assertThat(scenario("s06").root().resolve("lib/modules/" + o + "/extra/provider.ko"))
        .isRegularFile();
  }

  @Test
  @DisplayName(
      "check arguments: the kernel's symvers and vmlinuz, --sig-enforce exactly when enforced")
  void checkArgs_symversImageAndEnforcement() {
    for (CheckScenario s : scenarios) {
      List<String> args = s.checkArgs();
      assertThat(Path.of(args.get(args.indexOf("--symvers") + 1))).isRegularFile();
      assertThat(Path.of(args.get(args.indexOf("--kernel-image") + 1))).isRegularFile();
      assertThat(args.contains("--sig-enforce")).as(s.id()).isEqualTo(s.sigEnforce());
      assertThat(s.id().matches("s\\d\\d[a-z]*e-.*")).as(s.id()).isEqualTo(s.sigEnforce());
    }
    List<ScenarioBoot> boots = ScenarioBoot.group(scenarios);
    assertThat(boots).extracting(ScenarioBoot::sigEnforce).containsExactly(false, true);
  }

  @Test
  @DisplayName("s06: weak-updates/provider.ko is an absolute link that resolves inside the root")
  void weakUpdates_absoluteLinkInsideRoot() throws Exception {
    CheckScenario s = scenario("s06");
    Path link = s.modulesDir().resolve("weak-updates/provider.ko");

    Path target = Files.readSymbolicLink(link);

    assertThat(target.isAbsolute()).isTrue();
    assertThat(target.toString())
        .isEqualTo("/lib/modules/" + oldest.release() + "/extra/provider.ko");
    Path inRoot = s.root().resolve(target.toString().substring(1));
    assertThat(ModuleTools.modinfo(inRoot, "vermagic").get(0)).startsWith(oldest.release() + " ");
  }

  @Test
  @DisplayName(
      "module variants in the roots: vermagic, signer, versions and compression as claimed")
  void variants_inRoots_areWhatTheyClaim() throws Exception {
    String o = oldest.release() + " ";
    String n = newest.release() + " ";
    assertThat(vermagic(scenario("s01"), "extra/provider.ko")).startsWith(o);
    assertThat(vermagic(scenario("s04"), "updates/ib_core.ko")).startsWith(o);
    assertThat(vermagic(scenario("s07"), "extra/plain.ko")).startsWith(n);
    assertThat(
            ModuleTools.modinfo(scenario("s07").modulesDir().resolve("extra/plain.ko"), "signer"))
        .isEmpty();
    for (String signed : List.of("s08e", "s08t")) {
      assertThat(
              ModuleTools.modinfo(
                  scenario(signed).modulesDir().resolve("extra/plain.ko"), "signer"))
          .as(signed)
          .containsExactly(TestSigningKey.SIGNER);
    }
    assertThat(
            differingBytes(
                scenario("s08d").modulesDir().resolve("kernel/lib/crc8.ko"),
                newest.module("kernel/lib/crc8.ko")))
        .isEqualTo(1);
    Path stale = scenario("s09").modulesDir().resolve("extra/plain.ko");
    assertThat(ModuleTools.dumpModversions(stale).stdout()).isEmpty();
    assertThat(vermagic(scenario("s09"), "extra/plain.ko")).startsWith(o);
    Path zst = scenario("s13").modulesDir().resolve("extra/consumer.ko.zst");
    assertThat(ModuleTools.modinfo(zst, "signer")).containsExactly(TestSigningKey.SIGNER);
    assertThat(
            ModuleTools.modversions(scenario("s13").modulesDir().resolve("extra/provider.ko.xz")))
        .containsKey("module_layout");
    assertThat(Files.readString(scenario("s05").root().resolve("etc/depmod.d/mlnx.conf")))
        .isEqualTo("override ib_core * kernel/drivers/infiniband/core\n");
    assertThat(
            Files.readString(scenario("s11b").root().resolve("etc/modprobe.d/rdmaforge-test.conf")))
        .isEqualTo("softdep plain pre: provider\n");
    assertThat(scenario("s15b").root().resolve("lib/firmware/rdmaforge-test/fw.bin"))
        .doesNotExist();
    assertThat(scenario("s15c").root().resolve("lib/firmware/rdmaforge-test/fw.bin"))
        .isRegularFile();
    CheckScenario s12 = scenario("s12");
    assertThat(Files.readAllLines(s12.modulesDir().resolve("modules.builtin")))
        .anyMatch(
            p ->
                p.substring(p.lastIndexOf('/') + 1)
                    .replace('-', '_')
                    .equals(s12.targets().get(0) + ".ko"));
  }

  @Test
  @DisplayName(
      "kmod's depmod on the roots: complete closures, the vendor ib_core wins until overridden")
  void depmod_roots_staticViewMatchesTheStory() throws Exception {
    assertThat(depmodWarnings("s14")).as("the mlx5_ib closure is complete").isEmpty();
    assertThat(depmodWarnings("s04"))
        .anyMatch(
            w -> w.contains("updates/ib_core.ko disagrees about version of symbol module_layout"));
    assertThat(dependencies("s04", "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko"))
        .contains("updates/ib_core.ko");
    assertThat(dependencies("s05", "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko"))
        .contains("kernel/drivers/infiniband/core/ib_core.ko")
        .doesNotContain("updates/ib_core.ko");
    assertThat(depmodWarnings("s03")).anyMatch(w -> w.contains("needs unknown symbol provider_fn"));
    assertThat(depmodWarnings("s10"))
        .anyMatch(w -> w.contains("middle.ko disagrees about version of symbol provider_fn"));
    assertThat(depmodWarnings("s15a"))
        .as("depmod has no GPL check: only the kernel refuses")
        .isEmpty();
  }

  /** depmod -e -E's warnings on a copy of the scenario's root (depmod writes modules.dep). */
  private static List<String> depmodWarnings(String id) throws Exception {
    return depmod(id).stderrLines().stream().toList();
  }

  private static List<String> dependencies(String id, String module) throws Exception {
    Path copy = depmodCopy(id);
    for (String line :
        Files.readAllLines(copy.resolve("lib/modules/" + newest.release() + "/modules.dep"))) {
      if (line.startsWith(module + ":")) {
        return List.of(line.substring(module.length() + 1).trim().split(" "));
      }
    }
    throw new AssertionError(module + " not in modules.dep of " + id);
  }

  private static ProcessResult depmod(String id) throws Exception {
    return runDepmod(depmodCopy(id));
  }

  private static Path depmodCopy(String id) throws Exception {
    Path copy = Files.createTempDirectory(base, id + "-depmod");
    TreeCopies.copyTree(scenario(id).root(), copy);
    ProcessResult result = runDepmod(copy);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return copy;
  }

  private static ProcessResult runDepmod(Path root) {
    return RealDepmod.run(
        "-a",
        "-b",
        root.toString(),
        "-C",
        root.resolve("etc/depmod.d").toString(),
        "-e",
        "-E",
        newest.requireSymvers().toString(),
        newest.release());
  }

  private static String vermagic(CheckScenario s, String module) {
    return ModuleTools.modinfo(s.modulesDir().resolve(module), "vermagic").get(0);
  }

  private static Set<String> moduleFiles(Path modulesDir) throws Exception {
    try (Stream<Path> files = Files.walk(modulesDir)) {
      return files
          .filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p))
          .filter(TreeCopies::isModuleFile)
          .map(p -> modulesDir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static int differingBytes(Path a, Path b) throws Exception {
    byte[] x = Files.readAllBytes(a);
    byte[] y = Files.readAllBytes(b);
    assertThat(x).hasSameSizeAs(y);
    int count = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        count++;
      }
    }
    return count;
  }
}
