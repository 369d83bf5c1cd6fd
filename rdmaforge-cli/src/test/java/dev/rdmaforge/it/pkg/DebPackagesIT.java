package dev.rdmaforge.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.DebPackage;
import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.ExtractionResult;
import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DEB reader on kmod packages made by the real {@code dpkg-deb --build} from the test modules
 * (shaped like DKMS's Debian packages), with xz, zstd, gzip and uncompressed members. Oracles:
 * {@code dpkg-deb -f} for the control fields, {@code dpkg-deb -c} for the file list (types,
 * permissions, sizes, link targets), {@code dpkg-deb -x} for the extracted tree. Needs dpkg.
 */
class DebPackagesIT {
  @TempDir Path dir;

  static Stream<Named<Path>> debs() {
    BuiltPackages built = KmodPackages.forKernel(DebianKernels.newest61());
    List<Named<Path>> debs = new ArrayList<>();
    for (KmodPackage pkg : KmodPackage.values()) {
      debs.add(Named.of(pkg + " xz", built.deb(pkg)));
    }
    for (String c : BuiltPackages.DEB_COMPRESSIONS.subList(1, 4)) {
      debs.add(Named.of("PROVIDER " + c, built.deb(KmodPackage.PROVIDER, c)));
    }
    return debs.stream();
  }

  static String dpkgDeb(Path workDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Tools.require("dpkg-deb", "dpkg").toString());
    command.addAll(List.of(args));
    return Processes.runChecked(workDir, command).stdout();
  }

  @ParameterizedTest
  @MethodSource("debs")
  void control_matchesDpkgDebField(Path file) {
    DebPackage deb = Packages.readDeb(file);
    PackageFile pkg = deb.pkg();

    for (String field : List.of("Package", "Version", "Architecture", "Maintainer",
        "Description")) {
      assertThat(deb.control().get(field).orElseThrow() + "\n").as(field)
          .isEqualTo(dpkgDeb(null, "-f", file.toString(), field));
    }
    assertThat(pkg.name()).isEqualTo(deb.control().get("Package").orElseThrow());
    assertThat(pkg.version().toString()).isEqualTo(deb.control().get("Version").orElseThrow());
    // dpkg-deb -f prints relation fields as dpkg re-renders them after parsing.
    assertThat(pkg.requires().stream().map(DebPackagesIT::debian)
        .collect(Collectors.joining(", ")) + "\n")
        .isEqualTo(dpkgDeb(null, "-f", file.toString(), "Depends"));
    assertThat(pkg.provides().stream().map(DebPackagesIT::debian)
        .collect(Collectors.joining(", ")) + "\n")
        .isEqualTo(dpkgDeb(null, "-f", file.toString(), "Provides"));
  }

  private static String debian(Requirement r) {
    return r.anyOf().stream().map(DebPackagesIT::debian).collect(Collectors.joining(" | "));
  }

  private static String debian(PackageRelation r) {
    return r.version().isEmpty() ? r.name()
        : r.name() + " (" + r.comparison().debianOperator() + " " + r.version() + ")";
  }

  @ParameterizedTest
  @MethodSource("debs")
  void fileList_matchesDpkgDebContents(Path file) {
    PackageFile pkg = Packages.read(file);

    assertThat(contents(pkg)).containsExactlyElementsOf(dpkgContents(file));
    List<String> conffiles = List.of(dpkgDebControlFile(file, "conffiles").split("\n"));
    assertThat(pkg.files().stream().filter(PackagedFile::config).map(PackagedFile::absolutePath))
        .containsExactlyElementsOf(conffiles);
  }

  private String dpkgDebControlFile(Path file, String name) {
    Path control = dir.resolve("control-" + file.getFileName());
    dpkgDeb(null, "-e", file.toString(), control.toString());
    try {
      return Files.readString(control.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Our entries as {@code TYPEPERMS SIZE ./PATH[ -> TARGET| link to TARGET]}. */
  static List<String> contents(PackageFile pkg) {
    List<String> lines = new ArrayList<>();
    lines.add("drwxr-xr-x 0 ./");
    for (PackagedFile f : pkg.files()) {
      String type = f.type() == FileType.DIR ? "d" : f.type() == FileType.SYMLINK ? "l"
          : f.type() == FileType.HARDLINK ? "h" : "-";
      long size = f.type() == FileType.FILE ? f.size() : 0;
      String name = "./" + f.path() + (f.type() == FileType.DIR ? "/" : "");
      String tail = f.type() == FileType.SYMLINK ? " -> " + f.linkTarget().get()
          : f.type() == FileType.HARDLINK ? " link to ./" + f.linkTarget().get() : "";
      lines.add(type + rwx(f.permissions()) + " " + size + " " + name + tail);
    }
    return lines;
  }

  /**
   * {@code dpkg-deb -c} (tar's verbose listing) in the same shape: the date, time and owner
   * columns dropped.
   */
  static List<String> dpkgContents(Path file) {
    List<String> lines = new ArrayList<>();
    for (String line : dpkgDeb(null, "-c", file.toString()).split("\n")) {
      // drwxr-xr-x root/root         0 2026-11-21 18:39 ./lib/
      String[] p = line.split("\\s+", 6);
      lines.add(p[0] + " " + p[2] + " " + p[5]);
    }
    return lines;
  }

  private static String rwx(int mode) {
    StringBuilder s = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int bits = (mode >> shift) & 7;
      s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-')
          .append((bits & 1) != 0 ? 'x' : '-');
    }
    return s.toString();
  }

  @ParameterizedTest
  @MethodSource("debs")
  void extract_matchesDpkgDebExtract(Path file) throws IOException {
    Path theirs = dir.resolve("theirs");
    dpkgDeb(null, "-x", file.toString(), theirs.toString());

    ExtractionResult result = Packages.extract(ExtractionRequest.of(file, dir.resolve("ours")));

    assertThat(PackageTrees.assertSameEntries(result.pkg(), dir.resolve("ours"), theirs))
        .isEqualTo(result.pkg().files().size());
    try (Stream<Path> a = Files.walk(theirs); Stream<Path> b = Files.walk(dir.resolve("ours"))) {
      assertThat(b.count()).isEqualTo(a.count());
    }
  }
}
