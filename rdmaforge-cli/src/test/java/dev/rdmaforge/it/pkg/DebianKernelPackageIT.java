package dev.rdmaforge.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.DebPackage;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.ExtractionResult;
import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.PathSelection;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DEB reader on a real Debian kernel package, {@code linux-image-RELEASE} of the newest 6.1
 * ABI (about 4,900 entries, 70 MB xz): the control fields and the whole file list against {@code
 * dpkg-deb -f} and {@code dpkg-deb -c}, and the module files extracted with {@link
 * PathSelection#moduleFiles()} against the test kit's {@code dpkg-deb -x} tree of the same
 * package, byte for byte.
 */
class DebianKernelPackageIT {
  @TempDir Path dir;

  @Test
  void linuxImage_listAndControl_matchDpkgDeb() {
    DebianKernel kernel = DebianKernels.newest61();
    Path deb = DebianKernelDebs.image(kernel.release());

    DebPackage pkg = Packages.readDeb(deb);

    assertThat(pkg.pkg().name()).isEqualTo("linux-image-" + kernel.release());
    for (String field : List.of("Package", "Version", "Architecture", "Description")) {
      assertThat(pkg.control().get(field).orElseThrow() + "\n").as(field)
          .isEqualTo(DebPackagesIT.dpkgDeb(null, "-f", deb.toString(), field));
    }
    assertThat(pkg.pkg().files()).hasSizeGreaterThan(4000);
    assertThat(DebPackagesIT.contents(pkg.pkg()))
        .containsExactlyElementsOf(DebPackagesIT.dpkgContents(deb));
    assertThat(pkg.pkg().files().stream().filter(f -> f.type() == FileType.FILE))
        .allSatisfy(f -> assertThat(f.digest()).as(f.path()).isPresent());
  }

  @Test
  void linuxImage_moduleFiles_matchDpkgDebExtract() throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    Path deb = DebianKernelDebs.image(kernel.release());

    ExtractionResult result = Packages.extract(ExtractionRequest.of(deb, dir.resolve("root"))
        .withSelection(PathSelection.moduleFiles()));

    List<PackagedFile> modules = result.extracted().stream()
        .filter(f -> f.path().endsWith(".ko")).toList();
    assertThat(modules).hasSizeGreaterThan(3900);
    for (PackagedFile f : result.extracted()) {
      Path ours = result.outputRoot().resolve(f.path());
      Path theirs = kernel.root().resolve(f.path());
      assertThat(Files.mismatch(ours, theirs)).as(f.path()).isEqualTo(-1L);
    }
    assertThat(result.extracted()).extracting(PackagedFile::path)
        .contains("lib/modules/" + kernel.release() + "/modules.builtin",
            "lib/modules/" + kernel.release() + "/modules.order");
    try (var walk = Files.walk(result.outputRoot().resolve("lib/modules"))) {
      assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(result.extracted().size());
    }
  }
}
