package dev.rdmaforge.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction writes below the output root and nowhere else: {@code ..} above the root, absolute
 * links, link chains, links already in the output, loops. Each test extracts into {@code
 * sandbox/root} and checks that {@code sandbox/outside} stays empty.
 */
class ExtractionSafetyTest {
  @TempDir Path sandbox;
  Path root;
  Path outside;

  @BeforeEach
  void dirs() throws IOException {
    root = sandbox.resolve("root");
    outside = Files.createDirectories(sandbox.resolve("outside"));
  }

  private Path deb(TestDeb deb) throws IOException {
    return Files.write(sandbox.resolve("p.deb"), deb.build());
  }

  private void assertOutsideEmpty() throws IOException {
    try (Stream<Path> listing = Files.list(outside)) {
      assertThat(listing).isEmpty();
    }
    try (Stream<Path> listing = Files.list(sandbox)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .isSubsetOf("root", "outside", "p.deb", "p.rpm", "doc");
    }
  }

  private void refused(ExtractionRequest request, String... fragments) throws IOException {
    assertThatThrownBy(() -> Packages.extract(request))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(request.packageFile() + ": ")
        .hasMessageContainingAll(fragments);
    assertOutsideEmpty();
  }

  @Test
  void extract_rpm_modesLinksAndHardLinks() throws IOException {
    TestRpm rpm = RpmReaderTest.kmodPackage();
    rpm.file("usr/sbin/tool", 0100755, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(sandbox.resolve("p.rpm"), rpm.build());

    ExtractionResult result = Packages.extract(ExtractionRequest.of(file, root));

    String k = "lib/modules/5.14.0-362.el9.x86_64/";
    assertThat(root.resolve(k + "extra/mlnx/mlx5_ib.ko")).hasContent("\u007fELF module");
    assertThat(Files.readSymbolicLink(root.resolve(k + "weak-updates/mlx5_ib.ko")))
        .isEqualTo(Path.of("../extra/mlnx/mlx5_ib.ko"));
    assertThat(Files.isSameFile(root.resolve("usr/share/doc/kmod-test/a"),
        root.resolve("usr/share/doc/kmod-test/b"))).isTrue();
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(root.resolve("usr/sbin/tool")))).isEqualTo("rwxr-xr-x");
    assertThat(root.resolve("var/lib/kmod-test.state")).doesNotExist(); // %ghost
    assertThat(result.bytesWritten()).isEqualTo(11 + 30 + 4 + 10); // module, conf, doc once, tool
    assertThat(result.outputRoot()).isEqualTo(root.toRealPath());
    assertOutsideEmpty();
  }

  @Test
  void extract_moduleFilesSelection_andHardLinkPullsItsFile() throws IOException {
    Path file = Files.write(sandbox.resolve("p.rpm"), RpmReaderTest.kmodPackage().build());

    ExtractionResult modules = Packages.extract(ExtractionRequest.of(file, root)
        .withSelection(PathSelection.moduleFiles()));
    ExtractionResult doc = Packages.extract(ExtractionRequest.of(file, sandbox.resolve("doc"))
        .withSelection(PathSelection.globs("usr/share/doc/*/a")));

    assertThat(modules.extracted()).extracting(PackagedFile::path).containsExactly(
        "lib/modules/5.14.0-362.el9.x86_64/extra/mlnx/mlx5_ib.ko",
        "lib/modules/5.14.0-362.el9.x86_64/weak-updates/mlx5_ib.ko", "etc/depmod.d/mlnx.conf");
    assertThat(root.resolve("usr")).doesNotExist();
    assertThat(doc.extracted()).extracting(PackagedFile::path)
        .containsExactly("usr/share/doc/kmod-test/b", "usr/share/doc/kmod-test/a");
  }

  @Test
  void relativeSymlinkClimbingAboveRoot() throws IOException {
    TestDeb deb = new TestDeb();
    deb.symlink("./etc/evil", "../../outside");
    deb.file("./etc/evil/x", "x");
    Path file = deb(deb);

    refused(ExtractionRequest.of(file, root), "entry 'etc/evil'",
        "leads above the output root when followed", "do not install it");
    assertThat(root.resolve("etc/evil")).doesNotExist();
  }

  @Test
  void symlinkChainThroughAnotherLink() throws IOException {
    TestDeb deb = new TestDeb();
    deb.dir("./d/");
    deb.symlink("./d/up", "..");
    deb.symlink("./z", "d/up/..");
    refused(ExtractionRequest.of(deb(deb), root), "entry 'z'", "leads above the output root");
  }

  @Test
  void symlinkChainThatEscapesOnlyOnceComplete_caughtAtTheEnd() throws IOException {
    TestDeb deb = new TestDeb();
    deb.dir("./d/");
    deb.symlink("./d/a", "x/../..");
    deb.symlink("./d/x", "..");
    refused(ExtractionRequest.of(deb(deb), root), "entry 'd/a'", "leads above the output root");
    assertThat(Files.exists(root.resolve("d/a"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void absoluteSymlink_refusedByDefault() throws IOException {
    TestDeb deb = new TestDeb();
    deb.symlink("./lib/modules/k/build", "/usr/src/linux-headers-k");
    refused(ExtractionRequest.of(deb(deb), root), "entry 'lib/modules/k/build'",
        "absolute path '/usr/src/linux-headers-k'", "PathSelection.moduleFiles()");
  }

  @Test
  void absoluteSymlink_imageMode_writesThroughItInsideTheRoot() throws IOException {
    TestDeb deb = new TestDeb();
    deb.symlink("./evil", outside.toString());
    deb.file("./evil/x", "written inside the image");

    Packages.extract(ExtractionRequest.of(deb(deb), root)
        .withAbsoluteSymlinks(AbsoluteSymlinks.IMAGE));

    assertThat(Files.readSymbolicLink(root.resolve("evil"))).isEqualTo(outside);
    assertThat(root.resolve(outside.toString().substring(1)).resolve("x"))
        .hasContent("written inside the image");
    assertOutsideEmpty();
  }

  @Test
  void linkAlreadyInTheOutputRoot_isNotFollowedOut() throws IOException {
    Files.createDirectories(root);
    Files.createSymbolicLink(root.resolve("out"), Path.of("../outside"));
    TestDeb deb = new TestDeb();
    deb.file("./out/x", "x");
    refused(ExtractionRequest.of(deb(deb), root), "entry 'out/x'", "climbs above the output root");
  }

  @Test
  void fileReplacesAnExistingLinkInsteadOfWritingThroughIt() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/conf"), outside.resolve("victim"));
    TestDeb deb = new TestDeb();
    deb.file("./etc/conf", "mine");

    Packages.extract(ExtractionRequest.of(deb(deb), root));

    assertThat(Files.isSymbolicLink(root.resolve("etc/conf"))).isFalse();
    assertThat(root.resolve("etc/conf")).hasContent("mine");
    assertOutsideEmpty();
  }

  @Test
  void symlinkLoop() throws IOException {
    TestDeb deb = new TestDeb();
    deb.symlink("./a", "b");
    deb.symlink("./b", "a");
    deb.file("./a/x", "x");
    refused(ExtractionRequest.of(deb(deb), root), "entry 'a/x'", "(a loop)");
  }

  @Test
  void directoryInTheWayOfAFile() throws IOException {
    Files.createDirectories(root.resolve("etc/modprobe.d/rdmaforge.conf"));
    refused(ExtractionRequest.of(deb(new TestDeb()), root),
        "entry 'etc/modprobe.d/rdmaforge.conf'", "a directory of that name is already");
  }

  @Test
  void debHardLinkWhoseFileWasNotSelected() throws IOException {
    TestDeb deb = new TestDeb();
    deb.file("./usr/share/x.ko", "k");
    deb.hardlink("./lib/modules/k/x.ko", "./usr/share/x.ko");
    refused(ExtractionRequest.of(deb(deb), root).withSelection(PathSelection.moduleFiles()),
        "entry 'lib/modules/k/x.ko'", "select that file too");
  }

  @Test
  void usrMergedImage_fileThroughRelativeDirectoryLink() throws IOException {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
    TestDeb deb = new TestDeb();
    deb.dir("./lib/");
    deb.dir("./lib/modules/");
    deb.file("./lib/modules/x.ko", "k");

    Packages.extract(ExtractionRequest.of(deb(deb), root));

    assertThat(Files.isSymbolicLink(root.resolve("lib"))).isTrue();
    assertThat(root.resolve("usr/lib/modules/x.ko")).hasContent("k");
  }
}
