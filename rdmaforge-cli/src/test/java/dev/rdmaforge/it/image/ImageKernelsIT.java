package dev.rdmaforge.it.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.image.ImageKernel;
import dev.rdmaforge.image.ImageKernels;
import dev.rdmaforge.image.KernelChoice;
import dev.rdmaforge.image.KernelPackage;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.images.DebianRoots;
import dev.rdmaforge.testkit.packages.RpmBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageKernels} on real image roots, against the real package tools: a Debian 12 root made
 * by mmdebstrap with {@code linux-image-6.1.0-56-amd64} (as a diskimage-builder or cluster-manager
 * image holds it), read where dpkg-query reads it; and an RHEL-like root into which the real rpm
 * installed a kernel-core package built here, read through rpm's own database in the root.
 */
class ImageKernelsIT {
  private static final String RHEL = "5.14.0-427.13.1.el9_4.x86_64";

  @TempDir Path dir;

  /**
   * Deletes the roots before JUnit does: a root is full of absolute links (usr/sbin/depmod ->
   * /usr/bin/kmod), each of which JUnit's own deletion warns about.
   */
  @AfterEach
  void deleteRoots() {
    FileTrees.deleteRecursively(dir.resolve("root"));
    FileTrees.deleteRecursively(dir.resolve("rhel"));
  }

  @Test
  void debianRoot_kernelOwnerAndInitrdAsDpkgQuerySays() {
    Path root = DebianRoots.extract(dir.resolve("root"));
    String release = DebianRoots.RELEASE;
    String admindir = root.resolve("var/lib/dpkg").toString();
    ProcessResult version = Processes.runChecked(null, List.of("dpkg-query", "-W",
        "--admindir=" + admindir, "--showformat=${Version}", "linux-image-" + release));
    ProcessResult owner = Processes.runChecked(null, List.of("dpkg-query", "--admindir",
        admindir, "-S", "/boot/vmlinuz-" + release));

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.packageManager()).contains(PackageFormat.DEB);
    assertThat(found.problems()).isEmpty();
    assertThat(found.kernels()).extracting(ImageKernel::release).containsExactly(release);
    ImageKernel k = found.kernels().get(0);
    assertThat(k.vmlinuz()).contains(root.resolve("boot/vmlinuz-" + release));
    // bookworm's /lib -> usr/lib, resolved inside the root.
    assertThat(k.modulesDir()).contains(root.resolve("usr/lib/modules/" + release));
    assertThat(k.hasModulesDep()).isTrue();
    assertThat(k.initramfs()).contains(root.resolve("boot/initrd.img-" + release));
    assertThat(k.owner().map(KernelPackage::name)).contains("linux-image-" + release);
    assertThat(k.owner().map(o -> o.version().toString())).contains(version.stdout().strip());
    assertThat(owner.stdout().strip())
        .isEqualTo(k.owner().get().name() + ": /boot/vmlinuz-" + release);
    KernelChoice choice = found.choose(Optional.empty());
    assertThat(choice.kernel()).isEqualTo(k);
    assertThat(choice.note()).isEmpty();
  }

  @Test
  void rpmRoot_ownerFromTheRootsOwnRpmDatabase() throws IOException {
    // RHEL 9's layout: /lib -> usr/lib; kernel-core installed without its scripts, as
    // `rpm --root` into an image being built does when the root has no shell yet.
    Path root = Files.createDirectories(dir.resolve("rhel"));
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    Path rpm = kernelCoreRpm(dir.resolve("build"));
    Processes.runChecked(null, List.of("rpm", "--root", root.toString(), "--dbpath",
        "/var/lib/rpm", "--nodeps", "--noscripts", "-i", rpm.toString()));
    ProcessResult rpmSays = Processes.runChecked(null, List.of("rpm", "--root", root.toString(),
        "--dbpath", "/var/lib/rpm", "-qf", "/boot/vmlinuz-" + RHEL, "--qf",
        "%{NAME} %{EVR}\\n"));

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.packageManager()).contains(PackageFormat.RPM);
    assertThat(found.kernels()).extracting(ImageKernel::release).containsExactly(RHEL);
    ImageKernel k = found.kernels().get(0);
    assertThat(k.owner()).hasValueSatisfying(o -> {
      assertThat(o.format()).isEqualTo(PackageFormat.RPM);
      assertThat(o.toString()).isEqualTo(rpmSays.stdout().strip());
      assertThat(o.toString()).isEqualTo("kernel-core 5.14.0-427.13.1.el9_4");
    });
    assertThat(k.modulesDir()).contains(root.resolve("usr/lib/modules/" + RHEL));
    // %posttrans (depmod) did not run: no modules.dep, said, and the kernel is still chosen.
    assertThat(found.problems()).extracting(Finding::rule).containsExactly("RF-IMG-003");
    assertThat(found.choose(Optional.empty()).kernel().release()).isEqualTo(RHEL);
  }

  /** A kernel-core-like package: the kernel image in /boot and a module under lib/modules. */
  private static Path kernelCoreRpm(Path work) throws IOException {
    Path staged = Files.createDirectories(work.resolve("root"));
    Files.createDirectories(staged.resolve("boot"));
    Files.writeString(staged.resolve("boot/vmlinuz-" + RHEL), "not a real kernel\n");
    Path mlx = Files.createDirectories(
        staged.resolve("lib/modules/" + RHEL + "/kernel/drivers/net/ethernet/mellanox"));
    Files.writeString(mlx.resolve("mlx5_core.ko"), "not a real module\n");
    String spec = """
        Name: kernel-core
        Version: 5.14.0
        Release: 427.13.1.el9_4
        Summary: a kernel-core-like package for ImageKernelsIT
        License: GPL-2.0-only
        BuildArch: x86_64
        AutoReqProv: no

        %%description
        Ships a kernel image and a modules directory the way RHEL 9's kernel-core does.

        %%install
        cp -a %%{_sourcedir}/root/. %%{buildroot}/

        %%files
        /boot/vmlinuz-%1$s
        %%dir /lib/modules/%1$s
        /lib/modules/%1$s/kernel
        """.formatted(RHEL);
    Path specFile = work.resolve("kernel-core.spec");
    Files.writeString(specFile, spec, StandardCharsets.UTF_8);
    StringBuilder log = new StringBuilder();
    return RpmBuild.binary(specFile, work, "gzip",
        "kernel-core-5.14.0-427.13.1.el9_4.x86_64.rpm", work.resolve("out"), log);
  }
}
