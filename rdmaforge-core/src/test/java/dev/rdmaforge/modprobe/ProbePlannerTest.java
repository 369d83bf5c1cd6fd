package dev.rdmaforge.modprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.tree.TreeView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modprobe's load order on a small RDMA stack the test writes itself (index files and empty module
 * files). The expected {@code --show-depends} texts are what Debian 12's modprobe printed for the
 * same directory and configuration (run by hand; ModprobeOracleIT compares on real trees).
 */
class ProbePlannerTest {
  static final String CONFIG =
      "alias rdma-nic mlx5_ib\n"
          + "options rdma-nic from_alias=1\n"
          + "options mlx5_core prof_sel=2\n"
          + "blacklist crc32c_intel\n"
          + "install ib_uverbs /sbin/modprobe --ignore-install ib_uverbs $CMDLINE_OPTS && echo ok\n"
          + "install ghost /bin/true\n"
          + "softdep mlx5_ib pre: unix post: psample\n"
          + "softdep ib_core pre: mlxfw\n"
          + "softdep mlxfw pre: ib_core\n"
          + "softdep bad pre: x]y\n";

  @TempDir Path tmp;
  private String dir;
  private ProbePlanner planner;

  static ModuleDirFixture rdmaStack(Path dir) {
    return new ModuleDirFixture(dir)
        .module("kernel/net/psample.ko")
        .module("kernel/mlxfw.ko")
        .module("kernel/ib_core.ko")
        .module("kernel/ib_uverbs.ko", "kernel/ib_core.ko")
        .module("kernel/mlx5_core.ko", "kernel/mlxfw.ko", "kernel/net/psample.ko")
        .module(
            "kernel/mlx5_ib.ko",
            "kernel/ib_uverbs.ko",
            "kernel/ib_core.ko",
            "kernel/mlx5_core.ko",
            "kernel/mlxfw.ko",
            "kernel/net/psample.ko")
        .module("kernel/vfio.ko")
        .module("kernel/vfio_iommu_type1.ko", "kernel/vfio.ko")
        .module("kernel/crc32c_generic.ko")
        .module("kernel/crc32c-intel.ko")
        .module("kernel/libcrc32c.ko")
        .module("kernel/bad.ko")
        .alias("pci:v000015B3d0000101[357]sv*sd*bc*sc*i*", "mlx5_core")
        .alias("crypto_crc32c", "crc32c_generic")
        .alias("crypto_crc32c", "crc32c_intel")
        .alias("crc32c", "crc32c_generic")
        .alias("crc32c", "crc32c_intel")
        .symbol("ib_register_client", "ib_core")
        .builtin("unix")
        .builtinAlias("net_pf_1", "unix")
        .text(
            "modules.softdep",
            "# Soft dependencies extracted from modules themselves.\n"
                + "softdep libcrc32c pre: crc32c\n"
                + "softdep vfio post: vfio_iommu_type1 vfio_iommu_spapr_tce\n");
  }

  @BeforeEach
  void setUp() throws Exception {
    Path modules = rdmaStack(tmp.resolve("lib/modules/9.9")).write();
    Files.writeString(tmp.resolve("site.conf"), CONFIG);
    dir = modules.toString();
    ModprobeConfig config =
        ModprobeConfigParser.load(
            new ModprobeConfigRequest(
                List.of(tmp + "/site.conf"), TreeView.host(), dir, Optional.empty()));
    planner = new ProbePlanner(config, IndexedModuleTree.open(TreeView.host(), dir));
  }

  private String show(ProbeRequest request) {
    return ShowDepends.render(planner.plan(request)).replace(dir + "/", "");
  }

  @Test
  @DisplayName("mlx5_ib: dependencies last-listed first, softdeps around, install line and options")
  void showDepends_mlx5Stack() {
    assertThat(show(ProbeRequest.showDepends("mlx5_ib")))
        .isEqualTo(
            "insmod kernel/net/psample.ko \n"
                + "insmod kernel/mlxfw.ko \n"
                + "insmod kernel/ib_core.ko \n"
                + "insmod kernel/mlxfw.ko \n"
                + "insmod kernel/mlx5_core.ko prof_sel=2 \n"
                + "insmod kernel/ib_core.ko \n"
                + "install /sbin/modprobe --ignore-install ib_uverbs $CMDLINE_OPTS && echo ok \n"
                + "builtin unix\n"
                + "insmod kernel/mlx5_ib.ko \n"
                + "insmod kernel/net/psample.ko \n");
  }

  @Test
  @DisplayName("The same stack for a boot: unix is in the kernel, psample stays a softdep")
  void plan_mlx5Stack_stepsWithReasons() {
    ProbePlan plan = planner.plan(ProbeRequest.load("mlx5_ib"));
    List<ProbeStep> steps = plan.targets().get(0).steps();
    assertThat(steps)
        .extracting(ProbeStep::module)
        .containsExactly(
            "psample",
            "mlxfw",
            "ib_core",
            "mlxfw",
            "mlx5_core",
            "ib_core",
            "ib_uverbs",
            "unix",
            "mlx5_ib",
            "psample");
    assertThat(steps)
        .extracting(s -> s.reason().kind())
        .containsExactly(
            StepReason.Kind.DEPENDENCY,
            StepReason.Kind.SOFTDEP_PRE,
            StepReason.Kind.SOFTDEP_PRE,
            StepReason.Kind.DEPENDENCY,
            StepReason.Kind.DEPENDENCY,
            StepReason.Kind.DEPENDENCY,
            StepReason.Kind.DEPENDENCY,
            StepReason.Kind.SOFTDEP_PRE,
            StepReason.Kind.REQUESTED,
            StepReason.Kind.SOFTDEP_POST);
    // the ib_core <-> mlxfw cycle: mlxfw comes in as ib_core's softdep, reached from mlxfw's
    assertThat(steps.get(1).reason().of()).isEqualTo("ib_core");
    assertThat(steps.get(1).reason().softdep().origin()).hasToString(tmp + "/site.conf:8");
    assertThat(steps.get(2).reason().of()).isEqualTo("mlxfw");
    assertThat(steps.get(3).reason().of()).isEqualTo("mlx5_ib");
    assertThat(steps.get(6).action()).isEqualTo(StepAction.RUN_INSTALL);
    assertThat(steps.get(6).expandedInstallCommand())
        .isEqualTo("/sbin/modprobe --ignore-install ib_uverbs  && echo ok");
    assertThat(steps.get(7).action()).isEqualTo(StepAction.SKIP_IN_KERNEL);
    assertThat(steps.get(4).options()).isEqualTo("prof_sel=2 ");
    // psample is both a dependency and a post softdep: still required
    assertThat(steps)
        .filteredOn(s -> !s.required())
        .extracting(ProbeStep::module)
        .containsExactly("unix");
    assertThat(plan.exitCode()).isZero();
  }

  @Test
  @DisplayName("An alias of modprobe.d: a separate module object, so mlx5_ib appears twice")
  void showDepends_configAlias_getsAliasOptions() {
    ProbePlan plan =
        planner.plan(ProbeRequest.showDepends("rdma-nic").withArguments(List.of("x=a b")));
    assertThat(plan.targets())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.source()).isEqualTo(LookupSource.CONFIG_ALIAS);
              assertThat(t.alias()).isEqualTo("rdma_nic");
            });
    assertThat(ShowDepends.render(plan).replace(dir + "/", ""))
        .endsWith(
            "builtin unix\ninsmod kernel/mlx5_ib.ko from_alias=1 x=\"a b\"\n"
                + "insmod kernel/net/psample.ko \n");
  }

  @Test
  @DisplayName("A blacklisted module behind an alias is skipped; named directly it still loads")
  void blacklist_appliesToAliasesOnly() {
    ProbePlan plan = planner.plan(ProbeRequest.showDepends("crc32c"));
    assertThat(plan.targets())
        .extracting(ProbeTarget::module, ProbeTarget::outcome)
        .containsExactly(
            tuple("crc32c_generic", ProbeTarget.Outcome.PROBED),
            tuple("crc32c_intel", ProbeTarget.Outcome.BLACKLISTED));
    assertThat(show(ProbeRequest.showDepends("crc32c_intel")))
        .isEqualTo("insmod kernel/crc32c-intel.ko \n");
    assertThat(show(ProbeRequest.showDepends("crc32c_intel").withUseBlacklist())).isEmpty();
  }

  @Test
  @DisplayName("modules.softdep from modinfo: libcrc32c pulls crc32c, blacklist ignored there")
  void showDepends_modinfoSoftdep() {
    assertThat(show(ProbeRequest.showDepends("libcrc32c")))
        .isEqualTo(
            "insmod kernel/crc32c_generic.ko \n"
                + "insmod kernel/crc32c-intel.ko \n"
                + "insmod kernel/libcrc32c.ko \n");
  }

  @Test
  @DisplayName("vfio: a post softdep that depends back on vfio lists vfio twice, as kmod does")
  void showDepends_softdepDependingBack() {
    assertThat(show(ProbeRequest.showDepends("vfio")))
        .isEqualTo(
            "insmod kernel/vfio.ko \ninsmod kernel/vfio.ko \ninsmod kernel/vfio_iommu_type1.ko \n");
  }

  @Test
  @DisplayName("A softdep cycle (ib_core <-> mlxfw) ends: each module is walked once per probe")
  void showDepends_softdepCycle() {
    assertThat(show(ProbeRequest.showDepends("ib_core")))
        .isEqualTo("insmod kernel/mlxfw.ko \ninsmod kernel/ib_core.ko \n");
  }

  @Test
  @DisplayName("Built-in: 'builtin unix' with --show-depends, nothing to do at boot")
  void builtin() {
    assertThat(show(ProbeRequest.showDepends("unix"))).isEqualTo("builtin unix\n");
    assertThat(show(ProbeRequest.showDepends("net-pf-1"))).isEqualTo("builtin unix\n");
    ProbePlan boot = planner.plan(ProbeRequest.load("unix").withFirstTime());
    assertThat(boot.targets().get(0).outcome()).isEqualTo(ProbeTarget.Outcome.ALREADY_IN_KERNEL);
    assertThat(boot.messages())
        .extracting(ModprobeMessage::line)
        .containsExactly("modprobe: ERROR: could not insert 'unix': Module already in kernel\n");
    assertThat(boot.exitCode()).isEqualTo(1);
  }

  @Test
  @DisplayName("Not found: kmod's FATAL line naming the module directory (WARNING with -a)")
  void notFound() {
    ProbePlan plan = planner.plan(ProbeRequest.showDepends("mlx4_ib"));
    assertThat(plan.found()).isFalse();
    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.messages())
        .extracting(ModprobeMessage::line)
        .containsExactly("modprobe: FATAL: Module mlx4_ib not found in directory " + dir + "\n");
    assertThat(
            planner.plan(ProbeRequest.showDepends("mlx4_ib").withAll()).messages().get(0).level())
        .isEqualTo(Level.WARNING);
  }

  @Test
  @DisplayName("An install line for a module with no file; -i inserts ib_uverbs instead")
  void installCommands() {
    ProbePlan ghost = planner.plan(ProbeRequest.showDepends("ghost"));
    assertThat(ghost.targets().get(0).source()).isEqualTo(LookupSource.INSTALL_COMMAND);
    assertThat(ShowDepends.render(ghost)).isEqualTo("install /bin/true \n");
    assertThat(show(ProbeRequest.showDepends("ib_uverbs").withIgnoreCommands()))
        .isEqualTo(
            "insmod kernel/ib_core.ko \ninsmod kernel/mlxfw.ko \n"
                + "insmod kernel/ib_core.ko \ninsmod kernel/ib_uverbs.ko \n");
  }

  @Test
  @DisplayName("symbol: and pci: names resolve through modules.symbols and modules.alias")
  void resolve_indexes() {
    assertThat(planner.resolve("symbol:ib_register_client")).containsExactly("ib_core");
    assertThat(planner.resolve("pci:v000015B3d00001017sv0sd0bc02sc00i00"))
        .containsExactly("mlx5_core");
    assertThat(planner.resolve("crypto-crc32c")).containsExactly("crc32c_generic", "crc32c_intel");
  }

  @Test
  @DisplayName("A softdep name kmod cannot normalise: its error, and the module still loads")
  void softdep_badName() {
    ProbePlan plan = planner.plan(ProbeRequest.showDepends("bad"));
    assertThat(ShowDepends.render(plan).replace(dir + "/", ""))
        .isEqualTo("insmod kernel/bad.ko \n");
    assertThat(plan.messages())
        .extracting(ModprobeMessage::line)
        .containsExactly(
            "modprobe: ERROR: ../libkmod/libkmod-module.c:1567 lookup_softdep() failed to lookup"
                + " soft dependency 'x]y', continuing anyway.\n");
  }

  @Test
  @DisplayName("modprobe -c of the same directory: configuration, marker, alias and symbol dumps")
  void showConfig_withIndexes() {
    ModprobeConfig config =
        ModprobeConfigParser.parse("site.conf", CONFIG.getBytes(StandardCharsets.ISO_8859_1));
    String out = ShowConfig.render(config, IndexedModuleTree.open(TreeView.host(), dir));
    assertThat(out)
        .endsWith(
            "\n# End of configuration files. Dumping indexes now:\n\n"
                + "alias crc32c crc32c_generic\n"
                + "alias crc32c crc32c_intel\n"
                + "alias crypto_crc32c crc32c_generic\n"
                + "alias crypto_crc32c crc32c_intel\n"
                + "alias pci:v000015B3d0000101[357]sv*sd*bc*sc*i* mlx5_core\n"
                + "alias symbol:ib_register_client ib_core\n");
  }
}
