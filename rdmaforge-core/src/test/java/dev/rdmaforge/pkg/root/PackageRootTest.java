package dev.rdmaforge.pkg.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.pkg.Comparison;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackageVersion;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.PayloadCompression;
import dev.rdmaforge.pkg.ScriptPhase;
import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Debian kernel package and a DKMS-style package laid out as if installed: only what module
 * loading reads, with the packages' modes; the release from {@code linux-image-RELEASE} or RHEL's
 * {@code kernel-uname-r}; scripts listed with their effects, never run; hostile and misused inputs
 * refused with nothing written outside.
 */
class PackageRootTest {
  static final String R = "6.1.0-99-amd64";

  @TempDir Path dir;

  static Depmod depmod() {
    return new Depmod(new ModuleReader(), 1, null);
  }

  /** A linux-image package as Debian ships it, with a module that is no ELF (never loaded). */
  static TinyDeb kernel() {
    return new TinyDeb("linux-image-" + R)
        .dir("lib").dir("lib/modules").dir("lib/modules/" + R)
        .dir("lib/modules/" + R + "/kernel")
        .file("lib/modules/" + R + "/kernel/ib_core.ko", "in-tree ib_core")
        .file("lib/modules/" + R + "/modules.order", "kernel/ib_core.ko\n")
        .dir("boot")
        .file("boot/config-" + R, "CONFIG_MODULES=y\n")
        .file("boot/System.map-" + R, 0600, "ffffffff81000000 T _text\n".getBytes(
            StandardCharsets.UTF_8))
        .dir("usr").dir("usr/share").dir("usr/share/doc")
        .file("usr/share/doc/changelog", "not read by module loading\n")
        .postinst("#!/bin/sh\nset -e\ndepmod -a -F /boot/System.map-" + R + " " + R + "\n"
            + "run-parts --report --exit-on-error --arg=" + R + " /etc/kernel/postinst.d\n");
  }

  private PackageRoot build(List<Path> packages, Path kernel) {
    return PackageRoots.build(new PackageRootRequest(kernel, packages, dir.resolve("root"), null),
        depmod());
  }

  @Test
  void build_debianKernel_laysOutOnlyModuleLoadingPathsWithModes() throws IOException {
    Path kernelDeb = kernel().write(dir);
    Path dkms = new TinyDeb("rdma-dkms").dir("lib").dir("lib/modules").dir("lib/modules/" + R)
        .dir("lib/modules/" + R + "/updates")
        .file("lib/modules/" + R + "/updates/rdma_x.ko", "x")
        .file("etc/modprobe.d/rdma.conf", "options rdma_x debug=1\n")
        .file("usr/bin/rdma-tool", 0755, new byte[] {1})
        .write(dir);

    PackageRoot root = build(List.of(dkms), kernelDeb);

    assertThat(root.kernelRelease()).isEqualTo(R);
    assertThat(root.kernel().pkg().name()).isEqualTo("linux-image-" + R);
    assertThat(Files.readString(root.root().resolve("lib/modules/" + R + "/updates/rdma_x.ko")))
        .isEqualTo("x");
    assertThat(root.root().resolve("etc/modprobe.d/rdma.conf")).exists();
    assertThat(root.root().resolve("usr/share/doc/changelog")).doesNotExist();
    assertThat(root.root().resolve("usr/bin/rdma-tool")).doesNotExist();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        root.root().resolve("boot/System.map-" + R)))).isEqualTo("rw-------");
    assertThat(root.kernel().laidOut()).contains("boot", "lib/modules", "lib/modules/" + R)
        .doesNotContain("usr/share/doc/changelog", "lib", "usr");
    assertThat(root.findings()).isEmpty();
    assertThat(root.weakLinks()).isEmpty();
  }

  @Test
  void build_scripts_listedWithEffectsNeverRun() throws IOException {
    Path kernelDeb = kernel().write(dir);
    Path marker = dir.resolve("ran");
    Path pkg = new TinyDeb("odd").file("etc/modprobe.d/odd.conf", "# odd\n")
        .postinst("#!/bin/sh\ntouch " + marker + "\nupdate-initramfs -u\n").write(dir);

    PackageRoot root = build(List.of(pkg), kernelDeb);

    assertThat(marker).doesNotExist();
    assertThat(root.scripts()).extracting(ScriptEffect::packageLabel, ScriptEffect::command,
            ScriptEffect::predicted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("linux-image-" + R + "_1.0_amd64",
                "depmod -a -F /boot/System.map-" + R + " " + R, true),
            org.assertj.core.groups.Tuple.tuple("linux-image-" + R + "_1.0_amd64",
                "run-parts --report --exit-on-error --arg=" + R + " /etc/kernel/postinst.d", false),
            org.assertj.core.groups.Tuple.tuple("odd_1.0_amd64", "update-initramfs -u", false));
    assertThat(root.scripts().get(0).effect()).startsWith("not run, effect predicted:");
    assertThat(root.scripts()).allSatisfy(s -> assertThat(s.phase())
        .isEqualTo(ScriptPhase.POST_INSTALL));
  }

  @Test
  void build_scriptWithoutKnownCommand_effectUnknown() throws IOException {
    Path pkg = new TinyDeb("other").file("etc/modprobe.d/o.conf", "# o\n")
        .postinst("#!/bin/sh\nset -e\n/usr/lib/other/setup --now\n").write(dir);

    PackageRoot root = build(List.of(pkg), kernel().write(dir));

    assertThat(root.scripts()).filteredOn(s -> s.packageLabel().startsWith("other"))
        .singleElement().satisfies(s -> {
          assertThat(s.command()).isEqualTo("/usr/lib/other/setup --now");
          assertThat(s.effect()).startsWith("not run, effect unknown");
        });
  }

  @Test
  void build_outputNotEmpty_refused() throws IOException {
    Files.createDirectories(dir.resolve("root/old"));
    Path kernelDeb = kernel().write(dir);

    assertThatThrownBy(() -> build(List.of(), kernelDeb))
        .isInstanceOf(UserInputException.class).hasMessageContaining("not empty");
  }

  @Test
  void build_linkEscapingOutput_refusedNothingOutside() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path hostile = new TinyDeb("hostile").dir("lib").dir("lib/modules")
        .symlink("lib/modules/" + R + "/extra", "../../../../outside")
        .file("lib/modules/" + R + "/extra/evil.ko", "evil")
        .write(dir);
    Path kernelDeb = kernel().write(dir);

    assertThatThrownBy(() -> build(List.of(hostile), kernelDeb))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(hostile.toString())
        .hasMessageContaining("above the output root");
    try (Stream<Path> listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
    assertThat(Files.exists(dir.resolve("root/lib/modules/" + R + "/extra"),
        LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void build_notAKernelPackage_refused() throws IOException {
    Path notKernel = new TinyDeb("rdma-core").file("etc/modprobe.d/x.conf", "# x\n").write(dir);

    assertThatThrownBy(() -> build(List.of(), notKernel))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("is not a kernel package")
        .hasMessageContaining("--kernel-package");
  }

  @Test
  void kernelRelease_rhelKernelCore_fromKernelUnameR() {
    String release = "5.14.0-362.8.1.el9_3.x86_64";
    PackageFile core = new PackageFile(Path.of("kernel-core.rpm"), PackageFormat.RPM,
        "kernel-core", new PackageVersion(OptionalLong.empty(), "5.14.0", "362.8.1.el9_3"),
        "x86_64", List.of(PackageRelation.of("kernel-uname-r", Comparison.EQUAL, release)),
        List.of(), List.of(), List.of(new PackagedFile("lib/modules/" + release + "/vmlinuz",
            FileType.FILE, 0100755, 1, Optional.empty(), Optional.empty(), false, false)),
        List.of(), PayloadCompression.ZSTD);

    assertThat(KernelReleases.of(core)).isEqualTo(release);
  }
}
