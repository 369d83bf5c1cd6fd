package dev.rdmaforge.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image roots made by the tests, laid out as mmdebstrap, DIB and RHEL installs leave them. */
class ImageKernelsTest {
  private static final String DEB56 = "6.1.0-56-amd64";
  private static final String DEB47 = "6.1.0-47-amd64";

  @TempDir Path root;

  @Test
  void find_bookwormRoot_resolvesLibLinkInsideRootAndReadsDpkg() throws IOException {
    // A bookworm root as mmdebstrap makes it: /lib -> usr/lib, the kernel package installed.
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    debianKernel(DEB56, true);
    dpkg(pkg("linux-image-" + DEB56, "install ok installed", "6.1.192-2", DEB56),
        pkg("kmod", "install ok installed", "30+20221128-1", null));

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.packageManager()).contains(PackageFormat.DEB);
    assertThat(found.problems()).isEmpty();
    ImageKernel k = found.kernels().get(0);
    assertThat(found.kernels()).hasSize(1);
    assertThat(k.release()).isEqualTo(DEB56);
    assertThat(k.vmlinuz()).contains(root.resolve("boot/vmlinuz-" + DEB56));
    assertThat(k.modulesDir()).contains(root.resolve("usr/lib/modules/" + DEB56));
    assertThat(k.hasModulesDep()).isTrue();
    assertThat(k.initramfs()).contains(root.resolve("boot/initrd.img-" + DEB56));
    assertThat(k.owner().map(KernelPackage::toString))
        .contains("linux-image-" + DEB56 + " 6.1.192-2");
    KernelChoice choice = found.choose(Optional.empty());
    assertThat(choice.kernel()).isEqualTo(k);
    assertThat(choice.note()).isEmpty();
  }

  @Test
  void find_absoluteLibLink_staysInsideRootNeverTheHost() throws IOException {
    // /lib -> /usr/lib (absolute): followed on the host it leads to the host's own modules.
    // The files are written below usr/lib first: writing through the link would reach the host.
    debianKernel(DEB56, true, "usr/lib/modules");
    Files.createSymbolicLink(root.resolve("lib"), Path.of("/usr/lib"));

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.kernels()).extracting(ImageKernel::release).containsExactly(DEB56);
    assertThat(found.kernels().get(0).modulesDir())
        .contains(root.resolve("usr/lib/modules/" + DEB56));
    assertThat(found.packageManager()).isEmpty();
    assertThat(found.kernels().get(0).owner()).isEmpty();
  }

  @Test
  void choose_twoKernels_newestByDpkgVersionAndSaysSo() throws IOException {
    // An image updated in place: the old kernel stays installed beside the new one.
    debianKernel(DEB47, true);
    debianKernel(DEB56, true);
    dpkg(pkg("linux-image-" + DEB56, "install ok installed", "6.1.192-2", DEB56),
        pkg("linux-image-" + DEB47, "hold ok installed", "6.1.158-1", DEB47));

    ImageKernels found = ImageKernels.find(root);
    KernelChoice choice = found.choose(Optional.empty());

    assertThat(found.kernel(DEB47).flatMap(ImageKernel::owner).map(KernelPackage::name))
        .contains("linux-image-" + DEB47);
    assertThat(choice.kernel().release()).isEqualTo(DEB56);
    assertThat(choice.note()).hasValueSatisfying(note -> assertThat(note)
        .contains("2 complete kernels (" + DEB47 + ", " + DEB56 + ")")
        .contains("chose the newest, " + DEB56 + " (linux-image-" + DEB56 + " 6.1.192-2)")
        .contains("dpkg's version order"));
    assertThat(found.choose(Optional.of(DEB47)).kernel().release()).isEqualTo(DEB47);
    assertThat(found.choose(Optional.of(DEB47)).note()).isEmpty();
  }

  @Test
  void choose_packageVersionBeatsReleaseOrder() throws IOException {
    // Release strings say 6.1.0-9 < 6.1.0-10; a package database that says otherwise wins.
    debianKernel("6.1.0-9-amd64", true);
    debianKernel("6.1.0-10-amd64", true);
    dpkg(pkg("linux-image-6.1.0-9-amd64", "install ok installed", "6.1.200-1", "6.1.0-9-amd64"),
        pkg("linux-image-6.1.0-10-amd64", "install ok installed", "6.1.100-1", "6.1.0-10-amd64"));

    assertThat(ImageKernels.find(root).choose(Optional.empty()).kernel().release())
        .isEqualTo("6.1.0-9-amd64");
  }

  @Test
  void choose_noDatabase_releasesInVersionOrderNotTextOrder() throws IOException {
    // A DIB image whose package database was removed: "6.1.0-10" sorts before "6.1.0-9" as text.
    debianKernel("6.1.0-9-amd64", true);
    debianKernel("6.1.0-10-amd64", true);

    KernelChoice choice = ImageKernels.find(root).choose(Optional.empty());

    assertThat(choice.kernel().release()).isEqualTo("6.1.0-10-amd64");
    assertThat(choice.note())
        .hasValueSatisfying(n -> assertThat(n).contains("no package database"));
  }

  @Test
  void choose_wantedAbsent_namesRootAndKernels() throws IOException {
    debianKernel(DEB56, true);

    assertThatThrownBy(() -> ImageKernels.find(root).choose(Optional.of("6.1.0-99-amd64")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(root.toString())
        .hasMessageContaining("no kernel 6.1.0-99-amd64; it has " + DEB56);
  }

  @Test
  void find_leftoverModulesAndImageWithoutModules_reportedAndNeverChosen() throws IOException {
    // apt removed the old kernel but left DKMS-built modules behind; a stray vmlinuz too.
    debianKernel(DEB56, true);
    Files.createDirectories(root.resolve("lib/modules/" + DEB47 + "/updates/dkms"));
    Files.createDirectories(root.resolve("boot"));
    Files.writeString(root.resolve("boot/vmlinuz-6.1.0-40-amd64"), "kernel");

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.kernels()).extracting(ImageKernel::release)
        .containsExactly("6.1.0-40-amd64", DEB47, DEB56);
    assertThat(found.problems()).extracting(Finding::rule)
        .containsExactly("RF-IMG-002", "RF-IMG-001", "RF-IMG-003");
    assertThat(found.problems().get(1).message()).contains("leftover of a removed kernel");
    assertThat(found.problems().get(2).location().file())
        .isEqualTo(root.resolve("lib/modules/" + DEB47 + "/modules.dep").toString());
    KernelChoice choice = found.choose(Optional.empty());
    assertThat(choice.kernel().release()).isEqualTo(DEB56);
    assertThat(choice.note()).isEmpty();
    assertThatThrownBy(() -> found.choose(Optional.of(DEB47)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("kernel " + DEB47 + " is incomplete (no boot/vmlinuz-" + DEB47 + ")");
  }

  @Test
  void find_modulesWithoutModulesDep_stillChosen() throws IOException {
    // dpkg --root with --noscripts: files installed, depmod never ran.
    debianKernel(DEB56, false);

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.problems()).extracting(Finding::rule).containsExactly("RF-IMG-003");
    assertThat(found.choose(Optional.empty()).kernel().hasModulesDep()).isFalse();
  }

  @Test
  void find_rhelLayout_initramfsImgAndRescueIgnored() throws IOException {
    // RHEL 9: /lib -> usr/lib, initramfs-R.img, a rescue kernel named by machine id.
    String rel = "5.14.0-427.el9.x86_64";
    Files.createDirectories(root.resolve("usr/lib/modules/" + rel));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    Files.writeString(root.resolve("usr/lib/modules/" + rel + "/modules.dep"), "");
    Files.createDirectories(root.resolve("boot"));
    Files.writeString(root.resolve("boot/vmlinuz-" + rel), "kernel");
    Files.writeString(root.resolve("boot/initramfs-" + rel + ".img"), "initramfs");
    Files.writeString(root.resolve("boot/vmlinuz-0-rescue-0123456789abcdef"), "kernel");

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.kernels()).extracting(ImageKernel::release).containsExactly(rel);
    assertThat(found.kernels().get(0).initramfs())
        .contains(root.resolve("boot/initramfs-" + rel + ".img"));
  }

  @Test
  void find_kernelInstallNeverRan_saysSo() throws IOException {
    // rpm --noscripts of RHEL 9's kernel-core: the image is in lib/modules/R/vmlinuz only.
    String rel = "5.14.0-427.el9.x86_64";
    Files.createDirectories(root.resolve("lib/modules/" + rel));
    Files.writeString(root.resolve("lib/modules/" + rel + "/vmlinuz"), "kernel");

    ImageKernels found = ImageKernels.find(root);

    assertThat(found.problems()).extracting(Finding::rule)
        .containsExactly("RF-IMG-001", "RF-IMG-003");
    assertThat(found.problems().get(0).message()).contains("scripts never installed it to /boot");
    assertThat(found.problems().get(0).fix()).contains("kernel-install add " + rel);
    assertThatThrownBy(() -> found.choose(Optional.empty()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no complete kernel")
        .hasMessageContaining(rel + " [no boot/vmlinuz-" + rel + "]");
  }

  @Test
  void find_removedPackageWithConfigFiles_ownsNothing() throws IOException {
    debianKernel(DEB56, true);
    dpkg(pkg("linux-image-" + DEB56, "deinstall ok config-files", "6.1.192-2", DEB56));

    assertThat(ImageKernels.find(root).kernels().get(0).owner()).isEmpty();
  }

  @Test
  void find_damagedDpkgStatus_namesFileAndLine() throws IOException {
    debianKernel(DEB56, true);
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.writeString(root.resolve("var/lib/dpkg/status"),
        "Package: a\nStatus: install ok installed\nVersion: 1\n\nthis is not a field\n");

    assertThatThrownBy(() -> ImageKernels.find(root))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(root.resolve("var/lib/dpkg/status") + ":5: 'this is not a field'");
  }

  @Test
  void find_badDpkgVersion_namesLine() throws IOException {
    debianKernel(DEB56, true);
    dpkg(pkg("linux-image-" + DEB56, "install ok installed", "x:1", DEB56));

    assertThatThrownBy(() -> ImageKernels.find(root))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(root.resolve("var/lib/dpkg/status") + ":4: field Version of");
  }

  @Test
  void find_notADirectory_refused() throws IOException {
    Path file = Files.writeString(root.resolve("image.qcow2"), "");

    assertThatThrownBy(() -> ImageKernels.find(file))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(file + ": not a directory");
  }

  @Test
  void choose_emptyRoot_noKernelAtAll() {
    assertThatThrownBy(() -> ImageKernels.find(root).choose(Optional.empty()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no kernel at all");
  }

  /** boot/vmlinuz, boot/initrd.img, lib/modules/R with a module (and modules.dep when asked). */
  private void debianKernel(String release, boolean depmodRan) throws IOException {
    debianKernel(release, depmodRan, "lib/modules");
  }

  private void debianKernel(String release, boolean depmodRan, String modulesBase)
      throws IOException {
    Files.createDirectories(root.resolve("boot"));
    Files.writeString(root.resolve("boot/vmlinuz-" + release), "kernel " + release);
    Files.writeString(root.resolve("boot/initrd.img-" + release), "initrd " + release);
    Path dir = Files.createDirectories(root.resolve(modulesBase + "/" + release + "/kernel"));
    Files.writeString(dir.resolve("a.ko"), "module");
    if (depmodRan) {
      Files.writeString(dir.resolveSibling("modules.dep"), "kernel/a.ko:\n");
    }
  }

  private record Pkg(String name, String status, String version, String kernel) {}

  private static Pkg pkg(String name, String status, String version, String kernel) {
    return new Pkg(name, status, version, kernel);
  }

  /** var/lib/dpkg/status and info/NAME.list as dpkg writes them. */
  private void dpkg(Pkg... packages) throws IOException {
    Path admin = Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    StringBuilder status = new StringBuilder();
    for (Pkg p : packages) {
      status.append("Package: ").append(p.name()).append('\n')
          .append("Status: ").append(p.status()).append('\n')
          .append("Priority: optional\n")
          .append("Version: ").append(p.version()).append('\n')
          .append("Architecture: amd64\n")
          .append("Description: test package\n multi-line description\n .\n end\n\n");
      StringBuilder list = new StringBuilder("/.\n/boot\n");
      if (p.kernel() != null) {
        list.append("/boot/vmlinuz-").append(p.kernel()).append('\n')
            .append("/lib/modules/").append(p.kernel()).append('\n');
      } else {
        list.append("/usr/bin/").append(p.name()).append('\n');
      }
      Files.writeString(admin.resolve(p.name() + ".list"), list, StandardCharsets.UTF_8);
    }
    Files.writeString(root.resolve("var/lib/dpkg/status"), status, StandardCharsets.UTF_8);
  }
}
