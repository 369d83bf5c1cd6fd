package dev.rdmaforge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.ChrootDepmod;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.DepmodSideBySide;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.TreeCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rdmaforge depmod --root ROOT KVER} must write what the image's own booted system writes,
 * which is what {@code chroot ROOT depmod -a KVER} writes: the image's {@code /etc/depmod.d} and
 * {@code /lib/depmod.d}, {@code external} directories and absolute weak-updates links all resolved
 * inside the root, never on the host.
 */
class RootViewDepmodIT {

  private static final String IB_CORE = "kernel/drivers/infiniband/core/ib_core.ko";
  private static final String RXE = "kernel/drivers/infiniband/sw/rxe/rdma_rxe.ko";

  @Test
  @DisplayName(
      "a RHEL-style image: weak-updates link to another kernel's extra/, a vendor"
          + " external dir, overrides in /etc/depmod.d and a search line in /lib/depmod.d")
  void depmodRoot_imageWithItsOwnConfig_writesWhatChrootDepmodWrites(@TempDir Path work)
      throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    DebianKernel older = DebianKernels.oldest61();
    Path root = work.resolve("root");
    Path modulesDir = TreeCopies.linkCopy(kernel.modulesDir(), root, kernel.release());

    // weak-modules keeps the module in the kernel it was built for and links to it absolutely.
    Path olderExtra = root.resolve("lib/modules").resolve(older.release()).resolve("extra");
    TreeCopies.copyEntry(older.module(IB_CORE), olderExtra.resolve("ib_core.ko"));
    Files.createDirectories(modulesDir.resolve("weak-updates"));
    Files.createSymbolicLink(
        modulesDir.resolve("weak-updates/ib_core.ko"),
        Path.of("/lib/modules/" + older.release() + "/extra/ib_core.ko"));
    // A vendor directory that exists only inside the image.
    TreeCopies.copyEntry(kernel.module(RXE), root.resolve("opt/vendor/modules/rdma_rxe.ko"));

    write(root.resolve("etc/depmod.d/weak-ib_core.conf"), "override ib_core * weak-updates\n");
    write(root.resolve("etc/depmod.d/vendor.conf"), "external * /opt/vendor/modules\n");
    write(
        root.resolve("lib/depmod.d/dist.conf"),
        "search updates extra external built-in weak-updates\n");
    // Same basename in both dirs: /etc/depmod.d shadows /lib/depmod.d.
    write(root.resolve("etc/depmod.d/local.conf"), "# admin's copy: nothing to override\n");
    write(root.resolve("lib/depmod.d/local.conf"), "override ib_core * built-in\n");
    ChrootDepmod.prepare(root);

    DepmodSideBySide.Result result =
        DepmodSideBySide.run(
            modulesDir,
            work.resolve("outputs"),
            () -> ChrootDepmod.run(root, "-a", kernel.release()),
            () -> Rdmaforge.run("depmod", "--root", root.toString(), kernel.release()));

    assertThat(result.real().process().exitCode()).as(result.real().process().describe()).isZero();
    String realDep = Files.readString(result.real().outputs().resolve("modules.dep"));
    assertThat(realDep)
        .as("the reference: the override picks the weak-updates link, the external dir is used")
        .containsPattern("(?m)^weak-updates/ib_core\\.ko:")
        .contains("/opt/vendor/modules/rdma_rxe.ko:");
    assertThat(result.mismatches()).as(result.report()).isEmpty();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
