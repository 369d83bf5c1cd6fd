package dev.rdmaforge.it;

import static dev.rdmaforge.it.ExpectedWinner.at;
import static dev.rdmaforge.it.ExpectedWinner.firstScanned;
import static dev.rdmaforge.it.ExpectedWinner.lastScanned;
import static dev.rdmaforge.it.ExpectedWinner.unstated;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.DepmodSideBySide;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.RealDepmod;
import dev.rdmaforge.testkit.ScenarioTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * depmod.d semantics case by case (kernel-modules.md §2) on small trees of real modules: copies of
 * {@code ib_core.ko} in {@code updates/}, {@code extra/}, {@code weak-updates/} and in-tree, with
 * the configurations sites really write. Each case compares every output file byte for byte, the
 * set of stderr lines and the exit code with kmod's depmod, and where the reference table states
 * the winning copy, checks the real depmod's modules.dep against it (so the table is tested too).
 */
class DepmodScenariosIT {

  private static final String CORE = "kernel/drivers/infiniband/core/";
  private static final String IB_CORE = CORE + "ib_core.ko";
  private static final String CONFIG = "cfg/";
  private static final List<String> DEFAULT_ARGS =
      List.of("-a", "-b", "{BASE}", "-C", "{BASE}/cfg", "{KVER}");

  /** One case: a tree, the depmod arguments ({BASE}, {KVER} substituted), the expected winner. */
  record Scenario(ScenarioTree tree, List<String> args, ExpectedWinner winner) {}

  static Stream<Arguments> scenarios() {
    DebianKernel k = DebianKernels.newest61();
    DebianKernel older = DebianKernels.oldest61();
    DebianKernel xz = DebianKernels.series612();
    String kver = k.release();
    String kverRegex = kver.substring(0, kver.indexOf('-') + 2) + ".*"; // 6.1.0-5.*
    List<Arguments> cases = new ArrayList<>();

    // --- the ib_core table: copies in updates/, weak-updates/, extra/ and in-tree.
    cases.add(
        scenario(
            "no depmod.d at all (-C empty dir): updates/ beats everything",
            allCopies(k).directory("cfg"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "site override for exactly this kernel picks extra/",
            allCopies(k).file(CONFIG + "ib.conf", "override ib_core " + kver + " extra\n"),
            at("extra/ib_core.ko")));
    cases.add(
        scenario(
            "override written for another kernel (" + older.release() + ") is ignored",
            allCopies(k)
                .file(
                    CONFIG + "ib.conf", "override ib_core " + older.release() + " weak-updates\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "RHEL weak-modules: override ib_core * weak-updates",
            allCopies(k).file(CONFIG + "ib.conf", "override ib_core * weak-updates\n"),
            at("weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "kernel field is an unanchored ERE, not a glob: " + kverRegex,
            allCopies(k)
                .file(CONFIG + "ib.conf", "override ib_core " + kverRegex + " weak-updates\n"),
            at("weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "override to built-in has no effect on module files",
            allCopies(k).file(CONFIG + "ib.conf", "override ib_core * built-in\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "override to kernel/ does not match the in-tree path (exact dir only)",
            allCopies(k).file(CONFIG + "ib.conf", "override ib_core * kernel\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "override to the full in-tree dir picks the in-tree module",
            allCopies(k)
                .file(CONFIG + "ib.conf", "override ib_core * kernel/drivers/infiniband/core\n"),
            at(IB_CORE)));
    cases.add(
        scenario(
            "search weak-updates extra built-in updates: first listed wins",
            allCopies(k)
                .file(CONFIG + "search.conf", "search weak-updates extra built-in updates\n"),
            at("weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "RHEL's dist.conf: search updates extra built-in weak-updates",
            allCopies(k).file(CONFIG + "dist.conf", "search updates extra built-in weak-updates\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "no updates/ copy, default search: equal priority, first scanned is kept",
            stack(k)
                .moduleAs(IB_CORE, "extra/ib_core.ko")
                .moduleAs(IB_CORE, "weak-updates/ib_core.ko")
                .directory("cfg"),
            firstScanned("extra/ib_core.ko", IB_CORE, "weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "only weak-updates and in-tree, default search",
            stack(k).moduleAs(IB_CORE, "weak-updates/ib_core.ko").directory("cfg"),
            firstScanned(IB_CORE, "weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "only weak-updates and in-tree, RHEL search: built-in outranks weak-updates",
            stack(k)
                .moduleAs(IB_CORE, "weak-updates/ib_core.ko")
                .file(CONFIG + "dist.conf", "search updates extra built-in weak-updates\n"),
            at(IB_CORE)));
    cases.add(
        scenario(
            "tie: two vendor copies in updates/a and updates/b, last scanned wins",
            stack(k)
                .moduleAs(IB_CORE, "updates/a/ib_core.ko")
                .moduleAs(IB_CORE, "updates/b/ib_core.ko")
                .directory("cfg"),
            lastScanned("updates/a/ib_core.ko", "updates/b/ib_core.ko")));

    // --- weak-updates links and vendor subdirectories.
    cases.add(
        scenario(
            "RHEL weak-updates link into the kernel the module was built for",
            stack(k)
                .otherKernelModule(older, IB_CORE, "extra/ib_core.ko")
                .symlink(
                    "weak-updates/ib_core.ko", "../../" + older.release() + "/extra/ib_core.ko")
                .file(CONFIG + "ib.conf", "override ib_core * weak-updates\n"),
            at("weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "LANL: ifs-kernel-updates copy in updates/ shadows the weak-updates override",
            stack(k)
                .moduleAs(IB_CORE, "updates/ifs-kernel-updates/ib_core.ko")
                .otherKernelModule(older, IB_CORE, "extra/ifs-kernel-updates/ib_core.ko")
                .symlink(
                    "weak-updates/ifs-kernel-updates/ib_core.ko",
                    "../../../" + older.release() + "/extra/ifs-kernel-updates/ib_core.ko")
                .file(CONFIG + "ib.conf", "override ib_core * weak-updates\n"),
            at("updates/ifs-kernel-updates/ib_core.ko")));
    cases.add(
        scenario(
            "MLNX_OFED: override with the full vendor dir matches",
            stack(k)
                .moduleAs(IB_CORE, "extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko")
                .moduleAs(IB_CORE, "updates/ib_core.ko")
                .file(
                    CONFIG + "zz01-mlnx-ofa_kernel-ib_core.conf",
                    "override ib_core * extra/mlnx-ofa_kernel/drivers/infiniband/core\n"),
            at("extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko")));
    cases.add(
        scenario(
            "MLNX_OFED: override ib_core * extra does not match a vendor subdir",
            stack(k)
                .moduleAs(IB_CORE, "extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko")
                .moduleAs(IB_CORE, "updates/ib_core.ko")
                .file(CONFIG + "ib.conf", "override ib_core * extra\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "two override files: the one parsed last (zz02) wins",
            allCopies(k)
                .file(CONFIG + "zz01-a.conf", "override ib_core * extra\n")
                .file(CONFIG + "zz02-b.conf", "override ib_core * weak-updates\n"),
            at("weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "search lines in two files: the lexically earlier file outranks",
            allCopies(k)
                .file(CONFIG + "01-a.conf", "search extra\n")
                .file(CONFIG + "02-b.conf", "search weak-updates\n"),
            at("extra/ib_core.ko")));

    // --- built-in and external in search lines.
    cases.add(
        scenario(
            "search external built-in: the vendor external dir outranks in-tree",
            stack(k)
                .moduleOutside(k, IB_CORE, "vendor/ib_core.ko")
                .file(
                    CONFIG + "vendor.conf", "external * {BASE}/vendor\nsearch external built-in\n"),
            at("vendor/ib_core.ko")));
    cases.add(
        scenario(
            "external dir with the default search (external not listed)",
            stack(k)
                .moduleOutside(k, IB_CORE, "vendor/ib_core.ko")
                .file(CONFIG + "vendor.conf", "external * {BASE}/vendor\n"),
            unstated()));
    cases.add(
        scenario(
            "external line for another kernel is ignored",
            stack(k)
                .moduleOutside(k, IB_CORE, "vendor/ib_core.ko")
                .file(
                    CONFIG + "vendor.conf",
                    "external " + older.release() + " {BASE}/vendor\nsearch external built-in\n"),
            at(IB_CORE)));
    cases.add(
        scenario(
            "external dir that does not exist",
            stack(k)
                .file(
                    CONFIG + "vendor.conf",
                    "external * {BASE}/no-such-dir\nsearch external built-in\n"),
            at(IB_CORE)));

    // --- exclude.
    cases.add(
        scenario(
            "exclude updates hides the updates/ copy",
            allCopies(k).file(CONFIG + "ex.conf", "exclude updates\n"),
            firstScanned("extra/ib_core.ko", IB_CORE, "weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "exclude names a directory at any depth (core)",
            allCopies(k).file(CONFIG + "ex.conf", "exclude core extra\n"),
            unstated()));

    // --- malformed and ignored configuration.
    cases.add(
        scenario(
            "typo 'overide' is reported and ignored, exit code 0",
            allCopies(k).file(CONFIG + "bad.conf", "overide ib_core * extra\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "override with too few fields is reported and ignored",
            allCopies(k).file(CONFIG + "bad.conf", "# comment\n\noverride ib_core *\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "unknown command, include and make_map_files",
            allCopies(k)
                .file(
                    CONFIG + "bad.conf",
                    "frobnicate ib_core\ninclude /etc/x.conf\nmake_map_files\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "a config file not ending in .conf is skipped",
            allCopies(k)
                .file(CONFIG + "ib.conf.rpmsave", "override ib_core * extra\n")
                .file(CONFIG + "ib", "override ib_core * extra\n"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "tabs, trailing spaces and a continuation line",
            allCopies(k).file(CONFIG + "ws.conf", "override\tib_core\t*\t \\\n  extra  \n"),
            unstated()));
    cases.add(
        scenario(
            "duplicate basename in two -C dirs: the first dir's file wins",
            allCopies(k)
                .file("etc/ib.conf", "override ib_core * extra\n")
                .file("lib/ib.conf", "override ib_core * weak-updates\n"),
            List.of("-a", "-b", "{BASE}", "-C", "{BASE}/etc", "-C", "{BASE}/lib", "{KVER}"),
            at("extra/ib_core.ko")));
    cases.add(
        scenario(
            "-C given a file first: its basename shadows the same name in a dir",
            allCopies(k)
                .file("etc/ib.conf", "override ib_core * extra\n")
                .file("lib/ib.conf", "override ib_core * weak-updates\n"),
            List.of("-a", "-b", "{BASE}", "-C", "{BASE}/lib/ib.conf", "-C", "{BASE}/etc", "{KVER}"),
            at("weak-updates/ib_core.ko")));
    cases.add(
        scenario(
            "-C naming a missing path is silently skipped",
            allCopies(k).directory("cfg"),
            List.of("-a", "-b", "{BASE}", "-C", "{BASE}/missing", "-C", "{BASE}/cfg", "{KVER}"),
            at("updates/ib_core.ko")));

    // --- other kernels and flags.
    cases.add(
        scenario(
            "6.12 backport kernel: xz-compressed modules, updates/ copy wins",
            stack(xz).moduleAs(CORE + "ib_core.ko.xz", "updates/ib_core.ko.xz").directory("cfg"),
            at("updates/ib_core.ko.xz")));
    cases.add(
        scenario(
            "6.12: override to extra/ with xz-compressed modules",
            stack(xz)
                .moduleFrom(xz, CORE + "ib_core.ko.xz", "extra/ib_core.ko.xz")
                .file(CONFIG + "ib.conf", "override ib_core * extra\n"),
            at("extra/ib_core.ko.xz")));
    cases.add(
        scenario(
            "depmod without -a and without module arguments (implies -a)",
            allCopies(k).directory("cfg"),
            List.of("-b", "{BASE}", "-C", "{BASE}/cfg", "{KVER}"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "-e without -E or -F warns and goes on",
            allCopies(k).directory("cfg"),
            List.of("-a", "-e", "-b", "{BASE}", "-C", "{BASE}/cfg", "{KVER}"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "-e -E with the other kernel's Module.symvers: a -47 ib_core in updates/",
            stack(k).moduleFrom(older, IB_CORE, "updates/ib_core.ko").directory("cfg"),
            List.of(
                "-a",
                "-e",
                "-E",
                older.requireSymvers().toString(),
                "-b",
                "{BASE}",
                "-C",
                "{BASE}/cfg",
                "{KVER}"),
            at("updates/ib_core.ko")));
    cases.add(
        scenario(
            "-e -E with the kernel's own Module.symvers: a -47 ib_core in updates/",
            stack(k).moduleFrom(older, IB_CORE, "updates/ib_core.ko").directory("cfg"),
            List.of(
                "-a",
                "-e",
                "-E",
                k.requireSymvers().toString(),
                "-b",
                "{BASE}",
                "-C",
                "{BASE}/cfg",
                "{KVER}"),
            at("updates/ib_core.ko")));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void depmod_scenario_matchesRealDepmod(Scenario scenario, @TempDir Path work) throws IOException {
    Path base = work.resolve("base");
    Path modulesDir = scenario.tree().build(base);
    String kver = scenario.tree().kernel().release();
    List<String> args = new ArrayList<>();
    for (String arg : scenario.args()) {
      args.add(arg.replace("{BASE}", base.toString()).replace("{KVER}", kver));
    }
    List<String> ours = new ArrayList<>(List.of("depmod"));
    ours.addAll(args);

    DepmodSideBySide.Result result =
        DepmodSideBySide.run(
            modulesDir,
            work.resolve("outputs"),
            () -> RealDepmod.run(args),
            () -> Rdmaforge.run(ours));

    assertThat(result.real().process().exitCode())
        .as("the reference run: " + result.real().process().describe())
        .isZero();
    Optional<String> expected = scenario.winner().in(modulesDir);
    if (expected.isPresent()) {
      String winner =
          expected.get().startsWith("vendor/")
              ? base.resolve(expected.get()).toString()
              : expected.get();
      assertThat(modulesDepKeys(result.real().outputs()))
          .as("kernel-modules.md §2: real depmod's choice for ib_core (" + scenario.winner() + ")")
          .filteredOn(key -> key.matches("(.*/)?ib_core\\.ko(\\.xz|\\.zst|\\.gz)?"))
          .containsExactly(winner);
    }
    assertThat(result.mismatches())
        .as(scenario.tree().describe() + "\n" + result.report())
        .isEmpty();
  }

  /** The in-tree RDMA core stack plus modules with a devname (tun) and a softdep (jbd2). */
  private static ScenarioTree stack(DebianKernel kernel) {
    String ext = kernel.module(IB_CORE).toFile().exists() ? ".ko" : ".ko.xz";
    ScenarioTree tree = ScenarioTree.of(kernel);
    for (String name :
        List.of("ib_core", "ib_cm", "iw_cm", "rdma_cm", "ib_uverbs", "ib_umad", "rdma_ucm")) {
      tree.module(CORE + name + ext);
    }
    return tree.module("kernel/fs/configfs/configfs" + ext)
        .module("kernel/drivers/net/tun" + ext)
        .module("kernel/fs/jbd2/jbd2" + ext);
  }

  /** The stack plus copies of ib_core in extra/, updates/ and weak-updates/. */
  private static ScenarioTree allCopies(DebianKernel kernel) {
    return stack(kernel)
        .moduleAs(IB_CORE, "extra/ib_core.ko")
        .moduleAs(IB_CORE, "updates/ib_core.ko")
        .moduleAs(IB_CORE, "weak-updates/ib_core.ko");
  }

  private static Arguments scenario(String name, ScenarioTree tree, ExpectedWinner winner) {
    return scenario(name, tree, DEFAULT_ARGS, winner);
  }

  private static Arguments scenario(
      String name, ScenarioTree tree, List<String> args, ExpectedWinner winner) {
    return Arguments.of(Named.of(name, new Scenario(tree, args, winner)));
  }

  private static List<String> modulesDepKeys(Path outputs) throws IOException {
    return Files.readAllLines(outputs.resolve("modules.dep")).stream()
        .map(line -> line.substring(0, line.indexOf(':')))
        .toList();
  }
}
