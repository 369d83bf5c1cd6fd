package dev.rdmaforge.pkg.root;

import static dev.rdmaforge.pkg.root.PackageRootTest.R;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conflicts between packages as findings, on the Intel OPA / MLNX OFED case: {@code
 * ifs-kernel-updates} and {@code mlnx-ofa_kernel} both ship {@code ib_core.ko} below {@code
 * extra/} and both ship {@code etc/modprobe.d/rdma.conf}; the OPA package's depmod.d override
 * names {@code extras/} (the LANL typo).
 */
class PackageConflictTest {
  @TempDir Path dir;

  private static TinyDeb mlnx() {
    return new TinyDeb("mlnx-ofa-kernel-modules")
        .file("lib/modules/" + R + "/extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko",
            "mlnx ib_core")
        .file("etc/modprobe.d/rdma.conf", "# mlnx\n");
  }

  private static TinyDeb ifs() {
    return new TinyDeb("ifs-kernel-updates")
        .file("lib/modules/" + R + "/extra/ifs-kernel-updates/ib_core.ko", "ifs ib_core")
        .file("etc/modprobe.d/rdma.conf", "# ifs\n")
        .file("etc/depmod.d/ifs-kernel-updates.conf",
            "# OPA\noverride ib_core " + R + " extras/ifs-kernel-updates\n"
                + "override ib_core 5.14.* extra/ifs-kernel-updates\n"
                + "search extra updates\n");
  }

  private PackageRoot build(String name, Path... packages) {
    return PackageRoots.build(new PackageRootRequest(PackageRootTest.kernel().write(dir),
        List.of(packages), dir.resolve(name), null), PackageRootTest.depmod());
  }

  private static List<Finding> rule(PackageRoot root, String rule) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : root.findings()) {
      if (f.rule().equals(rule)) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void samePathDifferentContent_errorNamingBoth_laterInRoot() throws IOException {
    Path a = mlnx().write(dir);
    Path b = ifs().write(dir);

    PackageRoot root = build("root", a, b);

    assertThat(rule(root, "RF-PKG-002")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.location().file()).isEqualTo("etc/modprobe.d/rdma.conf");
      assertThat(f.message()).contains("mlnx-ofa-kernel-modules_1.0_amd64",
          "ifs-kernel-updates_1.0_amd64", "digest md5:", "holds ifs-kernel-updates_1.0_amd64's");
      assertThat(f.fix()).contains("install only one of");
    });
    assertThat(Files.readString(root.root().resolve("etc/modprobe.d/rdma.conf")))
        .isEqualTo("# ifs\n");
  }

  @Test
  void samePathSameContent_noFinding() throws IOException {
    Path a = new TinyDeb("pkg-a").file("etc/modprobe.d/same.conf", "# same\n").write(dir);
    Path b = new TinyDeb("pkg-b").file("etc/modprobe.d/same.conf", "# same\n").write(dir);

    PackageRoot root = build("root", a, b);

    assertThat(root.findings()).isEmpty();
  }

  @Test
  void sameModuleUnderExtra_warningWithWinnerFromResolutionAndOverrideFix() throws Exception {
    Path a = mlnx().write(dir);
    Path b = ifs().write(dir);

    PackageRoot root = build("root", a, b);

    Resolution resolution = PackageRootTest.depmod().resolve(
        DepmodRequest.chroot(root.root(), R), (l, m) -> { });
    String winner = resolution.module("ib_core").orElseThrow().candidate().relPath();
    assertThat(winner).startsWith("extra/"); // 'search extra updates' ranks extra/ first
    Finding f = rule(root, "RF-PKG-001").get(0);
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.location().file()).isEqualTo("lib/modules/" + R + "/" + winner);
    assertThat(f.message()).contains("module ib_core is shipped by",
        "mlnx-ofa-kernel-modules_1.0_amd64", "ifs-kernel-updates_1.0_amd64",
        "depmod loads " + winner);
    String loserDir = winner.contains("mlnx") ? "extra/ifs-kernel-updates"
        : "extra/mlnx-ofa_kernel/drivers/infiniband/core";
    String overrideLine = "override ib_core " + R + " " + loserDir;
    assertThat(f.fix()).contains("add '" + overrideLine + "'");

    // The fix does what it says: with the override line installed, the other file wins.
    Path fix = new TinyDeb("site-fix").file("etc/depmod.d/00-site.conf", overrideLine + "\n")
        .write(dir);
    PackageRoot fixed = build("fixed", a, b, fix);
    Resolution after = PackageRootTest.depmod().resolve(
        DepmodRequest.chroot(fixed.root(), R), (l, m) -> { });
    assertThat(after.module("ib_core").orElseThrow().candidate().relPath())
        .startsWith(loserDir + "/");
    assertThat(rule(fixed, "RF-PKG-001").get(0).message()).contains("'override ib_core");
  }

  @Test
  void depmodLines_matchingNothing_reported() throws IOException {
    Path b = ifs().write(dir);

    PackageRoot root = build("root", b);

    List<Finding> dead = rule(root, "RF-PKG-003");
    assertThat(dead).extracting(f -> f.location().line()).containsExactly(2, 3, 4);
    assertThat(dead.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(dead.get(0).location().file())
        .isEqualTo("etc/depmod.d/ifs-kernel-updates.conf");
    assertThat(dead.get(0).message()).contains("ifs-kernel-updates_1.0_amd64",
        "names no ib_core module file directly in lib/modules/" + R
            + "/extras/ifs-kernel-updates/");
    assertThat(dead.get(1).message()).contains("applies to no kernel in the root");
    assertThat(dead.get(2).severity()).isEqualTo(Severity.INFO);
    assertThat(dead.get(2).message()).contains("naming updates/");
  }

  @Test
  void overrideNamingTheFile_notReported() throws IOException {
    Path pkg = new TinyDeb("good").file("lib/modules/" + R + "/extra/good/ib_core.ko", "good")
        .file("etc/depmod.d/good.conf", "override ib_core " + R + " extra/good\n").write(dir);

    PackageRoot root = build("root", pkg);

    assertThat(rule(root, "RF-PKG-003")).isEmpty();
  }

  @Test
  void scriptEffects_kmodtoolPost_detectedAsWeakModulesAddModules() {
    dev.rdmaforge.pkg.PackageScript post = new dev.rdmaforge.pkg.PackageScript(
        dev.rdmaforge.pkg.ScriptPhase.POST_INSTALL, "/bin/sh",
        "if [ -e \"/boot/System.map-5.14.0-70.el9.x86_64\" ]; then\n"
            + "    /usr/sbin/depmod -aeF \"/boot/System.map-5.14.0-70.el9.x86_64\" "
            + "\"5.14.0-70.el9.x86_64\" > /dev/null || :\nfi\n"
            + "modules=( $(find /lib/modules/5.14.0-70.el9.x86_64/extra/mlnx | grep '\\.ko$') )\n"
            + "if [ -x \"/usr/sbin/weak-modules\" ]; then\n"
            + "    printf '%s\\n' \"${modules[@]}\" \\\n"
            + "    | /usr/sbin/weak-modules --add-modules\nfi\n");

    assertThat(ScriptEffects.addsWeakModules(post)).isTrue();
  }
}
