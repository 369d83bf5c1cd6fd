package dev.rdmaforge.it.pkgroot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.pkgroot.RealInstall;
import dev.rdmaforge.testkit.pkgroot.RootRpm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Intel OPA / MLNX OFED conflict on the real Debian kernel package: an {@code
 * ifs-kernel-updates} and an {@code mlnx-ofa_kernel} package both ship {@code ib_core.ko} below
 * {@code extra/} and a different {@code etc/modprobe.d/rdma.conf}. rpm itself is the oracle for
 * the path conflict ({@code rpm -i --test} refuses the pair); rdmaforge's explain on the composed
 * root is the oracle for which ib_core wins. A hostile package whose link leaves the root is
 * refused and nothing is written outside.
 */
class PackageConflictIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void vendorIbCores_shadowAndPathConflict_reportedWithBothPackages() throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    String r = kernel.release();
    Path kernelDeb = DebianKernelDebs.image(r);
    Path ibCore = kernel.module("kernel/drivers/infiniband/core/ib_core.ko");
    Path mlnx = new RootRpm("mlnx-ofa_kernel-modules", "24.10")
        .copy("lib/modules/" + r + "/extra/mlnx-ofa_kernel/drivers/infiniband/core/ib_core.ko",
            ibCore)
        .text("etc/modprobe.d/rdma.conf", "# MLNX_OFED\n")
        .build(Files.createDirectories(dir.resolve("w1")), dir.resolve("rpms"));
    Path ifs = new RootRpm("ifs-kernel-updates", "10.12")
        .copy("lib/modules/" + r + "/extra/ifs-kernel-updates/ib_core.ko", ibCore)
        .text("etc/modprobe.d/rdma.conf", "# Intel OPA\n")
        .text("etc/depmod.d/ifs-kernel-updates.conf",
            "override ib_core " + r + " extras/ifs-kernel-updates\n")
        .build(Files.createDirectories(dir.resolve("w2")), dir.resolve("rpms"));

    // rpm's own verdict on the pair: a file conflict on rdma.conf.
    ProcessResult rpm = RealInstall.rpmInstall(Files.createDirectories(dir.resolve("scratch")),
        List.of(mlnx, ifs), true);
    assertThat(rpm.exitCode()).isNotZero();
    assertThat(rpm.stderr()).contains("/etc/modprobe.d/rdma.conf", "conflicts");

    Path composed = dir.resolve("composed");
    ProcessResult check = Rdmaforge.run("check", "--kernel-package", kernelDeb.toString(),
        "--symvers", kernel.requireSymvers().toString(), "--package-root", composed.toString(),
        "--json", "ib_core", "--packages", mlnx.toString(), ifs.toString());
    assertThat(check.exitCode()).as(check.describe()).isEqualTo(1);
    JsonNode doc = JSON.readTree(check.stdout());
    List<JsonNode> pkg = new ArrayList<>();
    doc.get("findings").forEach(f -> {
      if (f.get("rule").asString().startsWith("RF-PKG-")) {
        pkg.add(f);
      }
    });
    assertThat(pkg).extracting(f -> f.get("rule").asString())
        .containsExactly("RF-PKG-001", "RF-PKG-002", "RF-PKG-003");

    JsonNode explain = JSON.readTree(Rdmaforge.run("explain", "--root", composed.toString(),
        "--json", r, "ib_core").stdout());
    String winner = explain.toString().contains("\"won\":true")
        ? findWinner(explain) : null;
    assertThat(winner).isNotNull();
    JsonNode shadow = pkg.get(0);
    assertThat(shadow.get("severity").asString()).isEqualTo("warning");
    assertThat(shadow.get("file").asString()).isEqualTo("lib/modules/" + r + "/" + winner);
    assertThat(shadow.get("message").asString()).contains("mlnx-ofa_kernel-modules-24.10-1",
        "ifs-kernel-updates-10.12-1", "depmod loads " + winner);
    assertThat(doc.get("results").get(0).get("file").asString()).isEqualTo(winner);
    JsonNode conflict = pkg.get(1);
    assertThat(conflict.get("severity").asString()).isEqualTo("error");
    assertThat(conflict.get("file").asString()).isEqualTo("etc/modprobe.d/rdma.conf");
    assertThat(Files.readString(composed.resolve("etc/modprobe.d/rdma.conf")))
        .isEqualTo("# Intel OPA\n");
    assertThat(pkg.get(2).get("message").asString()).contains("extras/ifs-kernel-updates");
  }

  private static String findWinner(JsonNode node) {
    if (node.isObject() && node.has("won") && node.get("won").asBoolean()) {
      return node.get("path").asString();
    }
    for (JsonNode child : node) {
      String found = findWinner(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  @Test
  void hostilePackage_linkLeavingRoot_refusedNothingOutside() throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    Path kernelDeb = DebianKernelDebs.image(kernel.release());
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path stage = Files.createDirectories(dir.resolve("stage"));
    Path modules = Files.createDirectories(stage.resolve("lib/modules/" + kernel.release()));
    Files.createSymbolicLink(modules.resolve("extra"), Path.of("../../../../outside"));
    Files.createDirectories(stage.resolve("DEBIAN"));
    Files.writeString(stage.resolve("DEBIAN/control"), "Package: hostile\nVersion: 1.0\n"
        + "Architecture: amd64\nMaintainer: T <t@example.org>\nDescription: hostile\n");
    Path deb = dir.resolve("hostile.deb");
    dev.rdmaforge.testkit.Processes.runChecked(null, List.of("dpkg-deb", "--build",
        "--root-owner-group", stage.toString(), deb.toString()));
    Path stage2 = Files.createDirectories(dir.resolve("stage2"));
    Files.createDirectories(stage2.resolve("lib/modules/" + kernel.release() + "/extra"));
    Files.writeString(stage2.resolve("lib/modules/" + kernel.release() + "/extra/evil.ko"), "x");
    Files.createDirectories(stage2.resolve("DEBIAN"));
    Files.writeString(stage2.resolve("DEBIAN/control"), "Package: evil\nVersion: 1.0\n"
        + "Architecture: amd64\nMaintainer: T <t@example.org>\nDescription: evil\n");
    Path evil = dir.resolve("evil.deb");
    dev.rdmaforge.testkit.Processes.runChecked(null, List.of("dpkg-deb", "--build",
        "--root-owner-group", stage2.toString(), evil.toString()));

    ProcessResult r = Rdmaforge.run("check", "--kernel-package", kernelDeb.toString(),
        "--symvers", kernel.requireSymvers().toString(), "--package-root",
        dir.resolve("root").toString(), "--all", "--packages", deb.toString(), evil.toString());

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.stderr()).contains("hostile.deb", "above the output root");
    try (Stream<Path> listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
  }
}
