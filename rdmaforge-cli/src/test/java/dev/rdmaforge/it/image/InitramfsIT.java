package dev.rdmaforge.it.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.image.initramfs.BootPath;
import dev.rdmaforge.image.initramfs.Inclusion;
import dev.rdmaforge.image.initramfs.InitramfsAudit;
import dev.rdmaforge.image.initramfs.InitramfsAuditRequest;
import dev.rdmaforge.image.initramfs.InitramfsAuditResult;
import dev.rdmaforge.image.initramfs.InitramfsEntry;
import dev.rdmaforge.image.initramfs.InitramfsImage;
import dev.rdmaforge.image.initramfs.InitramfsModules;
import dev.rdmaforge.image.initramfs.InitramfsToolsConfig;
import dev.rdmaforge.image.initramfs.StaleModule;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.images.DebianRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initramfs of a real Debian 12 image root (mmdebstrap, linux-image-6.1.0-56-amd64, the
 * initrd its postinst built with initramfs-tools) against the real tools: the entry list is
 * {@code lsinitramfs}'s, a stale ib_core is found after the root's winner changes, and the line
 * the audit proposes makes {@code update-initramfs} put a missing module in.
 */
class InitramfsIT {
  private static final String RELEASE = DebianRoots.RELEASE;
  private static final String INITRD = "boot/initrd.img-" + RELEASE;

  @TempDir Path dir;

  @AfterEach
  void deleteRoot() {
    FileTrees.deleteRecursively(dir.resolve("root"));
  }

  private static List<String> lsinitramfs(Path root) {
    return Processes.runChecked(null, List.of("chroot", root.toString(), "lsinitramfs",
        "/" + INITRD)).stdout().lines().collect(Collectors.toList());
  }

  private static void updateInitramfs(Path root) {
    Processes.runChecked(null, List.of("chroot", root.toString(), "update-initramfs", "-u",
        "-k", RELEASE));
  }

  private static InitramfsAuditResult audit(Path root, BootPath... paths) {
    return InitramfsAudit.create().audit(InitramfsAuditRequest.forBootPaths(root, RELEASE,
        InitramfsAuditRequest.defaultInitramfs(root, RELEASE), List.of(paths), List.of()));
  }

  @Test
  void read_debianInitrd_entriesAndModulesAreLsinitramfs() {
    Path root = DebianRoots.extract(dir.resolve("root"));
    Path initrd = root.resolve(INITRD);

    long t0 = System.nanoTime();
    List<String> listed = lsinitramfs(root);
    long t1 = System.nanoTime();
    InitramfsImage image = InitramfsImage.read(initrd);
    long t2 = System.nanoTime();
    InitramfsModules modules = InitramfsModules.read(initrd, RELEASE);
    long t3 = System.nanoTime();
    System.err.printf("InitramfsIT: %d bytes, %d entries: lsinitramfs %d ms, InitramfsImage %d ms,"
        + " InitramfsModules %d ms%n", initrd.toFile().length(), listed.size(),
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);

    assertThat(image.entries()).extracting(InitramfsEntry::path).containsExactlyElementsOf(listed);
    String prefix = "usr/lib/modules/" + RELEASE + "/";
    Set<String> koListed = listed.stream()
        .filter(p -> p.startsWith(prefix) && p.matches(".*\\.ko(\\.xz|\\.zst|\\.gz)?"))
        .map(ModuleReader::moduleNameOf).collect(Collectors.toCollection(TreeSet::new));
    assertThat(koListed).hasSizeGreaterThan(500);
    assertThat(modules.names()).isEqualTo(koListed);
    assertThat(modules.modulesDep()).isPresent();
    // initramfs-tools copies the root's files: the pristine image has nothing stale
    InitramfsAuditResult pristine = audit(root, BootPath.RDMA_CM_CONFIGFS);
    assertThat(pristine.stale()).isEmpty();
    assertThat(pristine.findings()).extracting(Finding::rule).doesNotContain("RF-INI-001",
        "RF-INI-005");
  }

  @Test
  void inclusion_modulesMost_predictsNoModuleTheRealInitrdLacks() throws Exception {
    // The model of auto_add_modules, modprobe --show-depends and hidden_dep_add_modules, run
    // over every module of the root, against what update-initramfs really put in.
    Path root = DebianRoots.extract(dir.resolve("root"));
    Resolution resolution = Depmod.create().resolve(DepmodRequest.chroot(root, RELEASE),
        DepmodLog.discard());
    List<String> all = new ArrayList<>();
    for (DepmodModule m : resolution.modules()) {
      all.add(m.name());
    }
    Set<String> predicted = new TreeSet<>();
    for (Inclusion i : InitramfsToolsConfig.read(root).inclusion(all, resolution)) {
      if (i.verdict() == Inclusion.Verdict.INCLUDED) {
        predicted.add(i.module());
      }
    }
    Set<String> real = InitramfsModules.read(root.resolve(INITRD), RELEASE).names();
    System.err.printf("InitramfsIT: predicted %d of the real initrd's %d modules; not predicted:"
        + " %s%n", predicted.size(), real.size(),
        real.stream().filter(n -> !predicted.contains(n)).toList());

    assertThat(real).containsAll(predicted);
    assertThat(predicted.size()).isGreaterThan(real.size() * 95 / 100);
    assertThat(predicted).contains("ib_core", "rdma_cm", "configfs").doesNotContain("ib_ipoib",
        "rpcrdma");
  }

  @Test
  void audit_newWinnerInUpdates_staleUntilRegenerated() throws Exception {
    // The fixed ib_core goes to updates/ after the initrd was built: the initrd's copy is stale.
    Path root = DebianRoots.extract(dir.resolve("root"));
    Path modules = root.resolve("usr/lib/modules/" + RELEASE);
    Path inTree = modules.resolve("kernel/drivers/infiniband/core/ib_core.ko");
    Path updates = Files.createDirectories(modules.resolve("updates"));
    Files.copy(inTree, updates.resolve("ib_core.ko"));
    // a different file with the same module name: ELF readers ignore bytes after the trailer
    Files.write(updates.resolve("ib_core.ko"), new byte[] {0, 0, 0, 0},
        StandardOpenOption.APPEND);
    Processes.runChecked(null, List.of("depmod", "-b", root.toString(), RELEASE));

    InitramfsAuditResult r = audit(root, BootPath.RDMA_CM_CONFIGFS);

    assertThat(r.stale()).extracting(StaleModule::name).containsExactly("ib_core");
    assertThat(r.stale().get(0).rootPath()).isEqualTo("lib/modules/" + RELEASE
        + "/updates/ib_core.ko");
    assertThat(r.stale().get(0).initramfsPath()).isEqualTo("usr/lib/modules/" + RELEASE
        + "/kernel/drivers/infiniband/core/ib_core.ko");
    Finding stale = r.findings().stream().filter(f -> f.rule().equals("RF-INI-001"))
        .findFirst().orElseThrow();
    assertThat(stale.isError()).isTrue();
    assertThat(stale.fix()).endsWith("update-initramfs -u -k " + RELEASE);

    updateInitramfs(root);

    assertThat(audit(root, BootPath.RDMA_CM_CONFIGFS).stale()).isEmpty();
    assertThat(InitramfsModules.read(root.resolve(INITRD), RELEASE).module("ib_core")
        .orElseThrow().relativePath()).isEqualTo("updates/ib_core.ko");
  }

  @Test
  void audit_ipoibBoot_proposedLineMakesUpdateInitramfsIncludeIt() throws Exception {
    Path root = DebianRoots.extract(dir.resolve("root"));
    assertThat(InitramfsModules.read(root.resolve(INITRD), RELEASE).module("ib_ipoib")).isEmpty();

    InitramfsAuditResult r = audit(root, BootPath.IPOIB);

    assertThat(r.generator()).isEqualTo("initramfs-tools");
    assertThat(r.missing()).extracting(m -> m.name()).contains("ib_ipoib");
    assertThat(r.findings()).filteredOn(f -> f.rule().equals("RF-INI-002"))
        .extracting(Finding::message).anyMatch(m -> m.contains("needs ib_ipoib"));
    assertThat(r.fixFile()).isEqualTo("etc/initramfs-tools/modules");
    assertThat(r.fixLines()).containsExactly("ib_ipoib");

    Files.write(root.resolve(r.fixFile()), r.fixLines(), StandardOpenOption.APPEND);
    updateInitramfs(root);

    InitramfsModules after = InitramfsModules.read(root.resolve(INITRD), RELEASE);
    assertThat(after.module("ib_ipoib")).isPresent();
    assertThat(after.image().entries()).extracting(InitramfsEntry::path)
        .containsExactlyElementsOf(lsinitramfs(root));
    InitramfsAuditResult again = audit(root, BootPath.IPOIB);
    assertThat(again.missing()).isEmpty();
    assertThat(again.fixLines()).isEmpty();
    assertThat(again.findings()).filteredOn(Finding::isError).isEmpty();
  }
}
