package dev.rdmaforge.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.pkg.ExtractionRequest;
import dev.rdmaforge.pkg.ExtractionResult;
import dev.rdmaforge.pkg.FileType;
import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageRelation;
import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.Packages;
import dev.rdmaforge.pkg.RelationKind;
import dev.rdmaforge.pkg.RelationQualifier;
import dev.rdmaforge.pkg.Requirement;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RPM reader on kmod packages made by the real {@code rpmbuild} from the test modules (the
 * way RHEL's kmodtool packages look: {@code kernel(sym) = 0xCRC} and {@code ksym(sym)}
 * requirements generated as find-requires.ksyms does, {@code kmod(NAME.ko)} provides), with
 * zstd, gzip, xz and bzip2 payloads. Oracles: {@code rpm -qp --qf/--provides/--requires}, {@code
 * rpm -qlvp}, {@code rpm2cpio | cpio -idm}, {@code modprobe --dump-modversions} for the CRCs, and
 * {@code rpm -K} for damaged copies. Needs the Debian packages rpm, cpio and kmod.
 */
class RpmPackagesIT {
  @TempDir Path dir;

  static BuiltPackages built() {
    return KmodPackages.forKernel(DebianKernels.newest61());
  }

  static Stream<Named<Path>> rpms() {
    BuiltPackages built = built();
    List<Named<Path>> rpms = new ArrayList<>();
    for (KmodPackage pkg : KmodPackage.values()) {
      rpms.add(Named.of(pkg + " zstd", built.rpm(pkg)));
    }
    for (String c : BuiltPackages.RPM_COMPRESSIONS.subList(1, 4)) {
      rpms.add(Named.of("PROVIDER " + c, built.rpm(KmodPackage.PROVIDER, c)));
    }
    return rpms.stream();
  }

  private static List<String> rpm(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Tools.require("rpm", "rpm").toString());
    command.addAll(Arrays.asList(args));
    ProcessResult result = Processes.runChecked(null, command);
    return result.stdout().isEmpty() ? List.of()
        : Arrays.asList(result.stdout().split("\n", -1)).subList(0,
            result.stdout().split("\n", -1).length - 1);
  }

  @ParameterizedTest
  @MethodSource("rpms")
  void read_identityAndRelations_matchRpmQuery(Path file) {
    PackageFile pkg = Packages.read(file);

    List<String> qf = rpm("-qp", "--qf",
        "%{NAME}\\n%{EPOCH}\\n%{VERSION}\\n%{RELEASE}\\n%{ARCH}\\n%{PAYLOADCOMPRESSOR}\\n",
        file.toString());
    assertThat(qf).containsExactly(pkg.name(),
        pkg.version().epoch().isPresent() ? "" + pkg.version().epoch().getAsLong() : "(none)",
        pkg.version().version(), pkg.version().release(), pkg.arch(),
        pkg.compression().rpmName());
    assertThat(pkg.provides()).extracting(PackageRelation::toString)
        .containsExactlyElementsOf(rpm("-qp", "--provides", file.toString()));
    assertThat(pkg.requires()).extracting(Requirement::toString)
        .containsExactlyElementsOf(rpm("-qp", "--requires", file.toString()));
    List<String> deptypes = rpm("-qp", "--qf", "[%{REQUIREFLAGS:deptype}\\n]", file.toString());
    for (int i = 0; i < pkg.requires().size(); i++) {
      assertThat(deptype(pkg.requires().get(i).first().qualifiers()))
          .as(pkg.requires().get(i).toString())
          .isEqualTo(new TreeSet<>(Arrays.asList(deptypes.get(i).split(","))));
    }
  }

  /** rpm's {@code :deptype} words for our qualifiers ({@code manual} for none). */
  private static Set<String> deptype(Set<RelationQualifier> qualifiers) {
    Set<String> words = new TreeSet<>();
    for (RelationQualifier q : qualifiers) {
      words.add(q.name().toLowerCase(Locale.ROOT));
    }
    if (words.isEmpty()) {
      words.add("manual");
    }
    return words;
  }

  @ParameterizedTest
  @MethodSource("rpms")
  void typedRequirements_matchTheModulesVersionsAndTheKernel(Path file) throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    PackageFile pkg = Packages.read(file);
    ExtractionResult extracted = Packages.extract(ExtractionRequest.of(file, dir.resolve("x")));
    Map<String, String> imports = new HashMap<>();
    Set<String> moduleFiles = new TreeSet<>();
    for (PackagedFile f : extracted.extracted()) {
      if (f.type() == FileType.FILE && f.path().endsWith(".ko")) {
        imports.putAll(ModuleTools.modversions(extracted.outputRoot().resolve(f.path())));
        moduleFiles.add(f.path().substring(f.path().lastIndexOf('/') + 1));
      }
    }
    Map<String, Long> kernelCrcs = new HashMap<>();
    for (String line : Files.readAllLines(kernel.requireSymvers(), StandardCharsets.ISO_8859_1)) {
      String[] fields = line.split("\t");
      kernelCrcs.put(fields[1], Long.decode(fields[0]));
    }

    int symbols = 0;
    for (Requirement r : pkg.requires()) {
      PackageRelation rel = r.first();
      if (rel.kind() == RelationKind.KERNEL_SYMBOL || rel.kind() == RelationKind.KSYM) {
        String symbol = rel.symbol().orElseThrow();
        assertThat(rel.symbolCrc().getAsLong()).as(symbol)
            .isEqualTo(Long.decode(imports.get(symbol)));
        // RHEL's rule: kernel() when the kernel exports the symbol with that CRC, else ksym().
        if (rel.kind() == RelationKind.KERNEL_SYMBOL) {
          assertThat(kernelCrcs.get(symbol)).as(symbol).isEqualTo(rel.symbolCrc().getAsLong());
        } else {
          assertThat(kernelCrcs.get(symbol)).as(symbol)
              .isNotEqualTo(Long.valueOf(rel.symbolCrc().getAsLong()));
        }
        symbols++;
      }
      if (rel.kind() == RelationKind.KERNEL_RELEASE) {
        assertThat(rel.version()).isEqualTo(kernel.release().replaceFirst("-([^-]*)$", ".$1"));
      }
    }
    assertThat(symbols).isGreaterThanOrEqualTo(3);
    assertThat(pkg.provides().stream().filter(p -> p.kind() == RelationKind.KMOD)
        .map(p -> p.moduleFileName().orElseThrow())).containsExactlyInAnyOrderElementsOf(
            moduleFiles);
  }

  @ParameterizedTest
  @MethodSource("rpms")
  void fileList_matchesRpmQueryAndQlv(Path file) {
    PackageFile pkg = Packages.read(file);

    List<String> qf = rpm("-qp", "--qf",
        "[%{FILEMODES}|%{FILESIZES}|%{FILEFLAGS}|%{FILEDIGESTS}|%{FILELINKTOS}|%{FILENAMES}\\n]",
        file.toString());
    List<String> ours = new ArrayList<>();
    for (PackagedFile f : pkg.files()) {
      ours.add(f.mode() + "|" + f.size() + "|" + (f.config() ? "config" : "-") + "|"
          + f.digest().map(d -> d.hex()).orElse("") + "|"
          + (f.type() == FileType.SYMLINK ? f.linkTarget().get() : "") + "|" + f.absolutePath());
    }
    List<String> theirs = new ArrayList<>();
    for (String line : qf) {
      String[] p = line.split("\\|", -1);
      boolean config = (Integer.parseInt(p[2]) & 1) != 0;
      theirs.add(p[0] + "|" + p[1] + "|" + (config ? "config" : "-") + "|" + p[3] + "|" + p[4]
          + "|" + p[5]);
    }
    assertThat(ours).containsExactlyElementsOf(theirs);

    List<String> qlv = rpm("-qlvp", file.toString());
    assertThat(qlv).hasSize(pkg.files().size());
    for (int i = 0; i < qlv.size(); i++) {
      PackagedFile f = pkg.files().get(i);
      String line = qlv.get(i);
      assertThat(line).startsWith(perms(f));
      String tail = f.absolutePath()
          + (f.type() == FileType.SYMLINK ? " -> " + f.linkTarget().get() : "");
      assertThat(line).endsWith(" " + tail);
    }
  }

  private static String perms(PackagedFile f) {
    String type = f.type() == FileType.DIR ? "d" : f.type() == FileType.SYMLINK ? "l" : "-";
    return type + rwx(f.permissions());
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
  @MethodSource("rpms")
  void extract_matchesRpm2cpio(Path file) throws IOException {
    Path ours = dir.resolve("ours");
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Tools.require("cpio", "cpio");
    Tools.require("rpm2cpio", "rpm");
    Processes.runChecked(theirs, List.of("sh", "-c",
        "rpm2cpio \"$0\" | cpio -idm --quiet --no-absolute-filenames", file.toString()));

    ExtractionResult result = Packages.extract(ExtractionRequest.of(file, ours));

    int compared = PackageTrees.assertSameEntries(result.pkg(), ours, theirs);
    assertThat(compared).isEqualTo(result.pkg().files().size());
    try (Stream<Path> walk = Files.walk(theirs)) {
      assertThat(walk.count()).isEqualTo(countTree(ours));
    }
  }

  private static long countTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.count();
    }
  }

  @Test
  void damagedCopies_refusedByRpmAndByUs() throws IOException {
    byte[] good = Files.readAllBytes(built().rpm(KmodPackage.CONSUMERS));
    Path truncated = Files.write(dir.resolve("truncated.rpm"),
        Arrays.copyOf(good, good.length - 100));
    byte[] flipped = good.clone();
    flipped[flipped.length - 200] ^= 0x20;
    Path corrupt = Files.write(dir.resolve("corrupt.rpm"), flipped);

    for (Path file : List.of(truncated, corrupt)) {
      ProcessResult check = Processes.run(null,
          List.of(Tools.require("rpm", "rpm").toString(), "-K", "--nosignature", file.toString()));
      assertThat(check.exitCode()).as(check.describe()).isNotZero();
      assertThatThrownBy(() -> Packages.extract(ExtractionRequest.of(file, dir.resolve("out"))))
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith(file + ": ")
          .hasMessageContaining("download it again");
    }
  }
}
