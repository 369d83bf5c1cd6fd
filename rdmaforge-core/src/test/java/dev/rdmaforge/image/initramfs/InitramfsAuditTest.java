package dev.rdmaforge.image.initramfs;

import static dev.rdmaforge.image.initramfs.InitramfsFixtures.RELEASE;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.cpio;
import static dev.rdmaforge.image.initramfs.InitramfsFixtures.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit on small roots: which copy the root resolves, what the initramfs holds, and what
 * initramfs-tools' and dracut's configuration would put in. (Dependency closures need real
 * modules: InitramfsIT covers them on a Debian root.)
 */
class InitramfsAuditTest {
  private static final String MODS = "lib/modules/" + RELEASE + "/";
  private static final String IPOIB = "kernel/drivers/infiniband/ulp/ipoib/ib_ipoib.ko";
  private static final String MLX5 = "kernel/drivers/net/ethernet/mellanox/mlx5/core/mlx5_core.ko";

  @TempDir Path dir;

  private final InitramfsAudit audit =
      new InitramfsAudit(new Depmod(new ModuleReader(), 1, null));

  private Path root() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    put(root, MODS + "kernel/drivers/infiniband/core/ib_core.ko", "in-tree ib_core");
    put(root, MODS + IPOIB, "ib_ipoib");
    put(root, MODS + MLX5, "mlx5_core");
    put(root, MODS + "kernel/drivers/net/wireless/wl/wl.ko", "wl");
    put(root, MODS + "kernel/net/sunrpc/xprtrdma/rpcrdma.ko", "rpcrdma");
    put(root, MODS + "modules.builtin", "kernel/fs/configfs/configfs.ko\n");
    put(root, "etc/initramfs-tools/initramfs.conf", "# comment\nMODULES=most\nCOMPRESS=gzip\n");
    put(root, "usr/sbin/mkinitramfs", "#!/bin/sh\n");
    return root;
  }

  private static void put(Path root, String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  /** An initramfs holding {@code files} (path below usr/lib/modules/REL → content). */
  private Path initramfs(Map<String, String> files) throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree" + System.nanoTime()));
    for (Map.Entry<String, String> f : files.entrySet()) {
      put(tree, "usr/" + MODS + f.getKey(), f.getValue());
    }
    Path file = dir.resolve("initrd-" + System.nanoTime());
    Files.write(file, sh(dir, "gzip -n", cpio(tree)));
    return file;
  }

  private InitramfsAuditResult run(Path root, Path initrd, String... modules) {
    return audit.audit(new InitramfsAuditRequest(root, RELEASE, initrd, List.of(modules)));
  }

  private static List<String> rules(InitramfsAuditResult r) {
    return r.findings().stream().map(Finding::rule).collect(Collectors.toList());
  }

  @Test
  void audit_updatesCopyWinsInRoot_initramfsInTreeCopyIsStale() throws Exception {
    // The LANL story inside the initrd: the fixed ib_core went to updates/, the initrd kept the old.
    Path root = root();
    put(root, MODS + "updates/ib_core.ko", "fixed ib_core");
    Path initrd = initramfs(Map.of("kernel/drivers/infiniband/core/ib_core.ko", "in-tree ib_core"));

    InitramfsAuditResult r = run(root, initrd);

    assertThat(r.stale()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("ib_core");
      assertThat(s.rootPath()).isEqualTo(MODS + "updates/ib_core.ko");
      assertThat(s.initramfsPath()).endsWith("kernel/drivers/infiniband/core/ib_core.ko");
    });
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("RF-INI-001");
      assertThat(f.isError()).isTrue();
      assertThat(f.fix()).isEqualTo("regenerate the initramfs: chroot " + root
          + " update-initramfs -u -k " + RELEASE);
    });
    Path fresh = initramfs(Map.of("updates/ib_core.ko", "fixed ib_core"));
    assertThat(run(root, fresh).stale()).isEmpty();
  }

  @Test
  void audit_ipoibUnderModulesMost_isMissingAndNotIncluded_fixListsIt() throws Exception {
    // kernel/drivers/infiniband is in none of auto_add_modules' classes; drivers/net is.
    Path root = root();
    Path initrd = initramfs(Map.of());

    InitramfsAuditResult r = run(root, initrd, "ib_ipoib", "mlx5_core", "wl");

    assertThat(r.generator()).isEqualTo("initramfs-tools");
    assertThat(r.inclusion()).extracting(Inclusion::verdict).containsExactly(
        Inclusion.Verdict.NOT_INCLUDED, Inclusion.Verdict.INCLUDED,
        Inclusion.Verdict.NOT_INCLUDED);
    assertThat(r.inclusion().get(1).reason()).contains("class net copies kernel/drivers/net/")
        .contains("initramfs.conf:2");
    assertThat(rules(r)).containsExactly("RF-INI-002", "RF-INI-003", "RF-INI-002");
    assertThat(r.fixFile()).isEqualTo("etc/initramfs-tools/modules");
    assertThat(r.fixLines()).containsExactly("ib_ipoib", "wl");

    put(root, "etc/initramfs-tools/modules", "# list\nib_ipoib\n");
    InitramfsAuditResult listed = run(root, initrd, "ib_ipoib");
    assertThat(listed.inclusion()).singleElement().satisfies(i -> {
      assertThat(i.verdict()).isEqualTo(Inclusion.Verdict.INCLUDED);
      assertThat(i.reason()).isEqualTo("listed at etc/initramfs-tools/modules:2");
    });
    assertThat(rules(listed)).containsExactly("RF-INI-003");
    assertThat(listed.fixLines()).isEmpty();
  }

  @Test
  void audit_confDOverridesModules_listDepAndNetboot() throws Exception {
    Path root = root();
    Path initrd = initramfs(Map.of());
    put(root, "etc/initramfs-tools/conf.d/policy", "MODULES=list\n");
    put(root, "etc/initramfs-tools/conf.d/policy.dpkg-old", "MODULES=most\n");
    assertThat(run(root, initrd, "mlx5_core").inclusion().get(0).verdict())
        .isEqualTo(Inclusion.Verdict.NOT_INCLUDED);

    put(root, "etc/initramfs-tools/conf.d/policy", "MODULES=dep\n");
    InitramfsAuditResult dep = run(root, initrd, "mlx5_core");
    assertThat(dep.inclusion().get(0).verdict()).isEqualTo(Inclusion.Verdict.UNKNOWN);
    assertThat(rules(dep)).containsExactly("RF-INI-002", "RF-INI-006");

    put(root, "etc/initramfs-tools/conf.d/policy", "MODULES=netboot\n");
    InitramfsAuditResult netboot = run(root, initrd, "mlx5_core", "ib_ipoib");
    assertThat(netboot.inclusion()).extracting(Inclusion::verdict)
        .containsExactly(Inclusion.Verdict.INCLUDED, Inclusion.Verdict.NOT_INCLUDED);
  }

  @Test
  void audit_vendorCopyOnlyInUpdates_includedWhenAnInTreeCopyIsInACoveredDirectory()
      throws Exception {
    // copy_modules_dir finds kernel/drivers/net/.../mlx5_core.ko and adds the name: the
    // updates/ winner goes in. A module with no in-tree copy there is not found at all.
    Path root = root();
    put(root, MODS + "updates/mlx5_core.ko", "vendor mlx5_core");
    put(root, MODS + "updates/mlxfw_vendor.ko", "vendor only");
    InitramfsAuditResult r = run(root, initramfs(Map.of()), "mlx5_core", "mlxfw_vendor");

    assertThat(r.inclusion()).extracting(Inclusion::verdict)
        .containsExactly(Inclusion.Verdict.INCLUDED, Inclusion.Verdict.NOT_INCLUDED);
    assertThat(r.missing()).extracting(MissingModule::rootPath)
        .containsExactly(MODS + "updates/mlx5_core.ko", MODS + "updates/mlxfw_vendor.ko");
  }

  @Test
  void audit_dracut_addOmitDriversAndHostonly() throws Exception {
    Path root = root();
    Files.delete(root.resolve("usr/sbin/mkinitramfs"));
    put(root, "usr/bin/dracut", "#!/bin/bash\n");
    put(root, "usr/lib/dracut/dracut.conf.d/01-dist.conf", "hostonly=\"yes\"\n");
    put(root, "etc/dracut.conf.d/01-dist.conf", "hostonly=\"no\"\n");
    put(root, "etc/dracut.conf.d/50-rdma.conf",
        "add_drivers+=\" ib_ipoib \"\nomit_drivers+=\" mlx5_.* \"\n");
    Path initrd = initramfs(Map.of());

    InitramfsAuditResult r = run(root, initrd, "ib_ipoib", "mlx5_core", "rpcrdma");

    assertThat(r.generator()).isEqualTo("dracut");
    assertThat(r.inclusion()).extracting(Inclusion::verdict).containsExactly(
        Inclusion.Verdict.INCLUDED, Inclusion.Verdict.NOT_INCLUDED,
        Inclusion.Verdict.NOT_INCLUDED);
    assertThat(r.inclusion().get(0).reason())
        .isEqualTo("listed in add_drivers (etc/dracut.conf.d/50-rdma.conf:1)");
    assertThat(r.inclusion().get(1).reason()).contains("omitted by 'mlx5_.*'");
    assertThat(r.fixFile()).isEqualTo("etc/dracut.conf.d/rdmaforge.conf");
    assertThat(r.fixLines()).containsExactly("add_drivers+=\" mlx5_core rpcrdma \"");
    assertThat(r.regenerate()).isEqualTo("chroot " + root + " dracut -f --kver " + RELEASE);

    Files.delete(root.resolve("etc/dracut.conf.d/01-dist.conf"));
    InitramfsAuditResult hostonly = run(root, initrd, "rpcrdma");
    assertThat(hostonly.inclusion().get(0).verdict()).isEqualTo(Inclusion.Verdict.UNKNOWN);
    assertThat(hostonly.inclusion().get(0).reason())
        .contains("usr/lib/dracut/dracut.conf.d/01-dist.conf:1");
  }

  @Test
  void audit_builtinMissingAndOrphanModules() throws Exception {
    // configfs is built in (nothing to add); mlx4_ib is in no file; an old module stayed behind.
    Path root = root();
    Path initrd = initramfs(Map.of("extra/old_stack.ko", "gone from the root"));

    InitramfsAuditResult r = run(root, initrd, "configfs", "mlx4_ib");

    assertThat(rules(r)).containsExactly("RF-INI-005", "RF-INI-004");
    assertThat(r.findings().get(0).location().file()).endsWith("!usr/" + MODS
        + "extra/old_stack.ko");
    assertThat(r.missing()).isEmpty();
  }

  @Test
  void audit_noGeneratorAndNoRoot() throws Exception {
    Path root = root();
    Files.delete(root.resolve("usr/sbin/mkinitramfs"));
    Files.delete(root.resolve("etc/initramfs-tools/initramfs.conf"));
    Path initrd = initramfs(Map.of());
    InitramfsAuditResult r = run(root, initrd, "ib_ipoib");
    assertThat(r.generator()).isEqualTo("none");
    assertThat(rules(r)).containsExactly("RF-INI-002", "RF-INI-006");

    assertThatThrownBy(() -> run(dir.resolve("nope"), initrd))
        .isInstanceOf(UserInputException.class).hasMessageContaining("no such directory");
  }
}
