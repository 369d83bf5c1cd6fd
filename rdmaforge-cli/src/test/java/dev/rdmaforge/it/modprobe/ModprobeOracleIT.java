package dev.rdmaforge.it.modprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.it.modprobe.RealModprobe.Output;
import dev.rdmaforge.modprobe.IndexedModuleTree;
import dev.rdmaforge.modprobe.ModprobeConfig;
import dev.rdmaforge.modprobe.ModprobeConfigParser;
import dev.rdmaforge.modprobe.ModprobeConfigRequest;
import dev.rdmaforge.modprobe.ProbePlanner;
import dev.rdmaforge.modprobe.ProbeRequest;
import dev.rdmaforge.modprobe.ShowDepends;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.RealDepmod;
import dev.rdmaforge.testkit.ScenarioTree;
import dev.rdmaforge.testkit.TreeCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * dev.rdmaforge.modprobe against the real kmod 30 modprobe: {@code modprobe -c}, {@code -R} and
 * {@code --show-depends} on trees of real Debian modules (the mlx5/RDMA stack, ext4 with its
 * modinfo softdep, vfio, crc32c), indexed by the real depmod, with the modprobe.d files an HPC site
 * writes. Each case compares stdout and stderr byte for byte and the exit code. The kernel command
 * line is a chosen one (bind-mounted over /proc/cmdline, as root) or else the host's.
 */
class ModprobeOracleIT {
  private static final String CMDLINE =
      "BOOT_IMAGE=/boot/vmlinuz-6.1.0-56-amd64 root=UUID=0 ro quiet mlx5_core.prof_sel=2"
          + " ib-ipoib.recv_queue_size=512 modprobe.blacklist=crc32c_intel,nouveau"
          + " \"mlx5_ib.dyndbg=file main.c +p\" rdma_rxe.x\n";

  private static final List<String> STACK =
      List.of(
          "kernel/drivers/pci/controller/pci-hyperv-intf.ko",
          "kernel/drivers/infiniband/core/ib_core.ko",
          "kernel/drivers/infiniband/core/ib_uverbs.ko",
          "kernel/drivers/infiniband/core/ib_cm.ko",
          "kernel/drivers/infiniband/core/iw_cm.ko",
          "kernel/drivers/infiniband/core/rdma_cm.ko",
          "kernel/drivers/infiniband/core/rdma_ucm.ko",
          "kernel/drivers/infiniband/ulp/ipoib/ib_ipoib.ko",
          "kernel/fs/configfs/configfs.ko",
          "kernel/net/psample/psample.ko",
          "kernel/drivers/net/ethernet/mellanox/mlxfw/mlxfw.ko",
          "kernel/drivers/net/ethernet/mellanox/mlx5/core/mlx5_core.ko",
          "kernel/drivers/infiniband/hw/mlx5/mlx5_ib.ko",
          "kernel/arch/x86/crypto/crc32c-intel.ko",
          "kernel/crypto/crc32c_generic.ko",
          "kernel/lib/libcrc32c.ko",
          "kernel/fs/jbd2/jbd2.ko",
          "kernel/fs/mbcache.ko",
          "kernel/lib/crc16.ko",
          "kernel/fs/ext4/ext4.ko",
          "kernel/drivers/vfio/vfio.ko",
          "kernel/drivers/vfio/vfio_iommu_type1.ko");

  /** MLNX OFED and site files as they are found on HPC nodes, plus the mistakes people make. */
  private static final String OFED_CONF =
      "# MLNX OFED: IPoIB through its own script\n"
          + "install ib_ipoib /sbin/modprobe --ignore-install ib_ipoib $CMDLINE_OPTS && echo up\n"
          + "options mlx5_core log_num_mgm_entry_size=-1\n"
          + "alias rdma-nic mlx5-ib\n"
          + "options rdma-nic from_alias=1\n"
          + "softdep mlx5_ib pre: mlx5_core post: ib_ipoib rdma_ucm\n"
          + "softdep ib_core pre: ib_uverbs\n"
          + "softdep ib_uverbs pre: ib_core\n"
          + "install ghost-nic /bin/true\n"
          + "install rdma_ucm /bin/true\n"
          + "softdep rdma_ucm post: ib_uverbs\n"
          + "alias pci:v000015B3d0000FFFF* ghost-nic\n";

  private static final String SITE_CONF =
      "blacklist psample\n"
          + "options mlx5_core prof_sel=3 \\\n  probe_vf=0\n"
          + "softdep vfio* post: crc16\n"
          + "blacklist\n"
          + "softdep ext4  pre: mbcache\n"
          + "include /etc/other.conf\n"
          + "alias crypto-crc32c* libcrc32c\n";

  @TempDir static Path work;
  private static DebianKernel kernel;
  private static Path base;
  private static Path cmdlineFile;
  private static String cmdline;

  @BeforeAll
  static void buildTree() throws IOException {
    kernel = DebianKernels.newest61();
    ScenarioTree tree = ScenarioTree.of(kernel);
    STACK.forEach(tree::module);
    tree.file("cfg/mlnx.conf", OFED_CONF)
        .file("cfg/site.conf", SITE_CONF)
        .file("cfg/zz-late.alias", "alias late-alias rdma_cm\n")
        .file("vendor/site.conf", "alias shadowed-by-cfg ib_core\n")
        .file("vendor/extra.conf", "options ib_core from_vendor=1\n")
        .file("single.cfg", "blacklist mlx5_core\noptions mlx5_ib from_single=1\n")
        .directory("cfg/not-a-file.conf")
        .directory("empty");
    base = work.resolve("stack");
    tree.build(base);
    ProcessResult depmod =
        RealDepmod.run("-a", "-b", base.toString(), "-C", base + "/empty", kernel.release());
    assertThat(depmod.exitCode()).as(depmod.describe()).isZero();
    if (RealModprobe.canSetCommandLine()) {
      cmdlineFile = work.resolve("cmdline");
      Files.writeString(cmdlineFile, CMDLINE, StandardCharsets.ISO_8859_1);
      cmdline = CMDLINE;
    } else {
      cmdline = RealModprobe.hostCommandLine();
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(named("modprobe -c: groups, command-line options and blacklist, index dumps", "-c"));
    cases.add(
        named(
            "modprobe -c with a file, a missing path and a second dir (basename shadowing)",
            "-c",
            "-C",
            "{BASE}/single.cfg",
            "-C",
            "{BASE}/missing",
            "-C",
            "{BASE}/vendor"));
    cases.add(
        named(
            "the mlx5 stack: deps, softdeps, install line, options", "--show-depends", "mlx5_ib"));
    cases.add(
        named(
            "an alias of modprobe.d, with command-line options",
            "--show-depends",
            "rdma-nic",
            "x=a b",
            "y=1"));
    cases.add(
        named(
            "-i: no install command, no softdeps of the named module",
            "--show-depends",
            "-i",
            "mlx5_ib"));
    cases.add(named("an install line (MLNX OFED's ib_ipoib)", "--show-depends", "ib_ipoib"));
    cases.add(named("a module known only by its install line", "--show-depends", "ghost-nic"));
    cases.add(
        named(
            "an install line ignored because the module has softdeps (rdma_ucm)",
            "--show-depends",
            "rdma_ucm"));
    cases.add(named("a softdep cycle (ib_core <-> ib_uverbs)", "--show-depends", "ib_core"));
    cases.add(
        named(
            "modinfo softdep through an alias (ext4 pre: crypto-crc32c)",
            "--show-depends",
            "ext4"));
    cases.add(named("modinfo softdep post that depends back (vfio)", "--show-depends", "vfio"));
    cases.add(
        named(
            "a modules.alias name with a blacklisted member (crc32c)", "--show-depends", "crc32c"));
    cases.add(
        named("a blacklisted module named directly still loads", "--show-depends", "crc32c_intel"));
    cases.add(
        named(
            "-b: a blacklisted module named directly is skipped",
            "--show-depends",
            "-b",
            "crc32c_intel"));
    cases.add(
        named(
            "a blacklisted softdep and dependency are loaded anyway",
            "--show-depends",
            "mlx5_core"));
    cases.add(named("a built-in module", "--show-depends", "unix"));
    cases.add(named("a missing module", "--show-depends", "mlx4_ib"));
    cases.add(
        named(
            "a PCI id of a ConnectX-4 through modules.alias",
            "--show-depends",
            "pci:v000015B3d00001013sv000015B3sd00000001bc02sc07i00"));
    cases.add(
        named(
            "a PCI id matched by a modprobe.d alias pattern",
            "--show-depends",
            "pci:v000015B3d0000FFFFsv0sd0bc0sc0i0"));
    cases.add(named("-R of a symbol", "-R", "symbol:ib_register_client"));
    cases.add(named("-R of a missing name", "-R", "symbol:no_such_symbol"));
    cases.add(
        named(
            "-a over the whole stack, aliases and misses in one run (shared module pool)",
            names("-a", "--show-depends")));
    return cases.stream();
  }

  private static String[] names(String... flags) {
    List<String> args = new ArrayList<>(List.of(flags));
    for (String path : STACK) {
      String file = path.substring(path.lastIndexOf('/') + 1);
      args.add(file.substring(0, file.length() - 3));
    }
    args.addAll(
        List.of(
            "rdma-nic",
            "ghost-nic",
            "crc32c",
            "crypto-crc32c",
            "unix",
            "net-pf-1",
            "mlx4_ib",
            "late-alias",
            "rdma_cm",
            "symbol:ib_register_client"));
    return args.toArray(new String[0]);
  }

  private static Arguments named(String story, String... args) {
    return Arguments.of(story, List.of(args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void modprobe_sameOutputAsKmod(String story, List<String> caseArgs) {
    List<String> args = new ArrayList<>();
    boolean ownConfig = caseArgs.contains("-C");
    if (!ownConfig) {
      args.addAll(List.of("-C", base + "/cfg"));
    }
    args.addAll(List.of("-d", base.toString(), "-S", kernel.release()));
    caseArgs.forEach(a -> args.add(a.replace("{BASE}", base.toString())));
    Output theirs = RealModprobe.run(cmdlineFile, args);
    Output ours = OurModprobe.run(cmdline, args);
    assertThat(ours.stdout()).as("stdout of modprobe %s", args).isEqualTo(theirs.stdout());
    assertThat(ours.stderr()).as("stderr of modprobe %s", args).isEqualTo(theirs.stderr());
    assertThat(ours.exitCode()).as("exit code of modprobe %s", args).isEqualTo(theirs.exitCode());
  }

  @Test
  @DisplayName("An image root seen from inside: its own etc/modprobe.d and /lib/modules paths")
  void imageRoot_sameAsModprobeOnTheRoot() throws IOException {
    Path root = work.resolve("image");
    ScenarioTree tree = ScenarioTree.of(kernel);
    STACK.forEach(tree::module);
    tree.file("etc/modprobe.d/mlnx.conf", OFED_CONF).file("etc/modprobe.d/site.conf", SITE_CONF);
    tree.build(root);
    ProcessResult depmod =
        RealDepmod.run("-a", "-b", root.toString(), "-C", base + "/empty", kernel.release());
    assertThat(depmod.exitCode()).as(depmod.describe()).isZero();

    ModprobeConfigRequest request =
        new ModprobeConfigRequest(
            ModprobeConfigRequest.DEFAULT_PATHS,
            TreeView.chroot(root),
            "/lib/modules/" + kernel.release(),
            Optional.of(cmdline));
    ModprobeConfig config = ModprobeConfigParser.load(request);
    ProbePlanner planner =
        new ProbePlanner(
            config, IndexedModuleTree.open(TreeView.chroot(root), request.moduleDirectory()));
    StringBuilder ours = new StringBuilder();
    config.messages().forEach(m -> ours.append(m.line()));
    ours.append(ShowDepends.render(planner.plan(ProbeRequest.showDepends("mlx5_ib"))));

    Output theirs =
        RealModprobe.run(
            cmdlineFile,
            List.of(
                "-C",
                root + "/etc/modprobe.d",
                "-d",
                root.toString(),
                "-S",
                kernel.release(),
                "--show-depends",
                "mlx5_ib"));
    assertThat(ours.toString())
        .isEqualTo((theirs.stderr() + theirs.stdout()).replace(root.toString(), ""));
  }

  @Test
  @DisplayName("The whole newest 6.1 kernel: modprobe -c and --show-depends of every module")
  void fullKernel_everyModule(@TempDir Path full) throws IOException {
    Path modules = TreeCopies.linkCopy(kernel.modulesDir(), full, kernel.release());
    ProcessResult depmod =
        RealDepmod.run("-a", "-b", full.toString(), "-C", base + "/empty", kernel.release());
    assertThat(depmod.exitCode()).as(depmod.describe()).isZero();
    List<String> common =
        List.of("-C", base + "/cfg", "-d", full.toString(), "-S", kernel.release());

    List<String> showConfig = new ArrayList<>(common);
    showConfig.add("-c");
    Output theirsConfig = RealModprobe.run(cmdlineFile, showConfig);
    Output oursConfig = OurModprobe.run(cmdline, showConfig);
    assertThat(oursConfig.stdout().lines().count()).isGreaterThan(40_000);
    assertThat(oursConfig).isEqualTo(theirsConfig);

    List<String> every = new ArrayList<>(common);
    every.addAll(List.of("-a", "--show-depends"));
    for (String line : Files.readAllLines(modules.resolve("modules.dep"))) {
      String path = line.substring(0, line.indexOf(':'));
      String file = path.substring(path.lastIndexOf('/') + 1);
      every.add(file.substring(0, file.indexOf('.')));
    }
    Output theirs = RealModprobe.run(cmdlineFile, every);
    Output ours = OurModprobe.run(cmdline, every);
    assertThat(ours.stdout().lines().count()).isGreaterThan(10_000);
    assertThat(ours).isEqualTo(theirs);
  }
}
