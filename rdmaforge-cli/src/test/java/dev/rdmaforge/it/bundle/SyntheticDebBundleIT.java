package dev.rdmaforge.it.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.pkg.PackageFile;
import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.pkg.repo.Repositories;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryLayout;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.bundle.SyntheticDebBundle;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.packages.KsymRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ofed-like example as a site's MLNX_OFED Debian bundle: built by its own scripts with the
 * real dpkg-buildpackage, debhelper and Kbuild, for the oldest and newest installed Debian 6.1
 * ABIs, the way MLNX_OFED's install.pl builds its non-DKMS debs ({@code kernelver=KVER
 * kernel_source_dir=HEADERS without_dkms=1 dpkg-buildpackage -b}): {@code ofa-like-modules} (with
 * the devel tree inside, as {@code mlnx-ofed-kernel-modules}), {@code knem-like-modules}, two
 * user-space packages, each group with its apt index; and a Lustre-like dependent built against the
 * provider's package unpacked with {@code dpkg-deb -x}, as lbuild does. The node image then moves
 * from 6.1.0-47 to 6.1.0-56.
 */
class SyntheticDebBundleIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> STACK =
      List.of("ofa_compat", "ofa_core", "knem_like", "lnet_like", "ko2iblnd_like");

  static Stream<String> releases() {
    return Stream.of(DebianKernels.oldest61().release(), DebianKernels.newest61().release());
  }

  private static SyntheticDebBundle bundle(String release) {
    SyntheticDebBundle b = SyntheticBundles.debForRelease(release);
    System.out.printf("SyntheticDebBundleIT: ofed-like DEB for %s %s in %d ms (first call)%n",
        release, b.built() ? "built" : "from the cache", b.took().toMillis());
    return b;
  }

  /** {@code dpkg-deb -x DEB DIR}: the package's files, nothing run. */
  private static Path unpack(Path deb, Path dir) throws IOException {
    Files.createDirectories(dir);
    ProcessResult r = Processes.run(null, List.of("dpkg-deb", "-x", deb.toString(),
        dir.toString()));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return dir;
  }

  /** {@code dpkg-deb -f DEB FIELD}. */
  private static String field(Path deb, String name) {
    return Processes.runChecked(null, List.of("dpkg-deb", "-f", deb.toString(), name)).stdout()
        .strip();
  }

  /** The regular files of {@code dpkg-deb -c DEB}, as paths without the leading {@code ./}. */
  private static List<String> contents(Path deb) {
    return Processes.runChecked(null, List.of("dpkg-deb", "-c", deb.toString())).stdout()
        .lines().filter(l -> l.startsWith("-"))
        .map(l -> l.substring(l.indexOf("./") + 2)).sorted().toList();
  }

  /** Every file below {@code dir}, relative to it, sorted. */
  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString())
          .sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void bundle_hasMlnxOfedDebianLayout_andIsReadWhole(String release) throws IOException {
    SyntheticDebBundle b = bundle(release);
    String kv = b.kernelPackageVersion();

    assertThat(b.bundleDir().getFileName().toString())
        .isEqualTo("MLNX_OFED_LINUX-" + SyntheticDebBundle.VERSION + "-debian12-x86_64");
    assertThat(files(b.bundleDir())).containsExactly(
        ".mlnx", ".supported_kernels",
        "DEBS/COMMON/Packages", "DEBS/COMMON/Packages.gz",
        "DEBS/COMMON/knem-like-modules_" + kv + "_amd64.deb",
        "DEBS/COMMON/ofa-like-modules_" + kv + "_amd64.deb",
        "DEBS/MLNX_LIBS/Packages", "DEBS/MLNX_LIBS/Packages.gz",
        "DEBS/MLNX_LIBS/libofa-like_1.0-1_amd64.deb",
        "DEBS/MLNX_LIBS/ofa-like-utils_1.0-1_all.deb",
        "distro", "mlnx", "src/MLNX_OFED_SRC-debian-" + SyntheticDebBundle.VERSION + ".tgz",
        "supported_kernels");
    String src = Processes.runChecked(null, List.of("tar", "-tzf", b.bundleDir()
        .resolve("src/MLNX_OFED_SRC-debian-" + SyntheticDebBundle.VERSION + ".tgz").toString()))
        .stdout();
    String top = "MLNX_OFED_SRC-" + SyntheticDebBundle.VERSION + "/SOURCES/";
    assertThat(src.lines().filter(l -> l.endsWith(".orig.tar.gz"))).containsExactly(
        top + "knem-like_1.0.orig.tar.gz", top + "libofa-like_1.0.orig.tar.gz",
        top + "ofa-like-utils_1.0.orig.tar.gz", top + "ofa-like_1.0.orig.tar.gz");
    assertThat(b.dependentSource().getFileName().toString())
        .isEqualTo("lustre-like_1.0.orig.tar.gz");
    assertThat(b.dependentSource().getParent()).isEqualTo(b.bundleDir().getParent());
    assertThat(Processes.runChecked(null, List.of("tar", "-tzf",
        b.dependentSource().toString())).stdout().lines())
        .contains("lustre-like-1.0/debian/rules", "lustre-like-1.0/debian/control",
            "lustre-like-1.0/Kbuild");

    Repository repo = Repositories.open(b.bundleDir());

    assertThat(repo.layout()).isEqualTo(RepositoryLayout.MLNX_OFED);
    BundleInfo info = repo.bundle().orElseThrow();
    assertThat(info.version()).isEqualTo(SyntheticDebBundle.VERSION);
    assertThat(info.distro()).isEqualTo(SyntheticDebBundle.DISTRO);
    assertThat(info.supportedKernels()).containsExactly(release);
    assertThat(info.packageDir()).isEqualTo(b.packageDir());
    Map<String, String> groups = repo.packages().stream()
        .collect(Collectors.toMap(RepositoryPackage::name, RepositoryPackage::group));
    Map<String, String> expected = new TreeMap<>();
    SyntheticDebBundle.COMMON.forEach(n -> expected.put(n, "COMMON"));
    SyntheticDebBundle.MLNX_LIBS.forEach(n -> expected.put(n, "MLNX_LIBS"));
    assertThat(groups).isEqualTo(expected);
    for (RepositoryPackage p : repo.packages()) {
      PackageFile read = p.read(); // size and SHA256 checked against the group's Packages
      assertThat(read.format()).isEqualTo(PackageFormat.DEB);
      assertThat(p.version().toString())
          .isEqualTo(SyntheticDebBundle.COMMON.contains(p.name()) ? kv : "1.0-1");
      assertThat(p.location()).isEqualTo("./" + p.file().getFileName());
    }
    assertThat(repo.metadata().stream().map(m -> b.bundleDir().relativize(m).toString()))
        .containsExactlyInAnyOrder("DEBS/COMMON/Packages.gz", "DEBS/MLNX_LIBS/Packages.gz");
  }

  /**
   * What dpkg itself says of each package: MLNX_OFED's names, the kernel in the kernel packages'
   * version, the Source field naming the source package (written by dpkg-gencontrol because the
   * binary version differs; a package named as its source has none, which means the same), the
   * dependent's exact dependency on its provider build, and maintainer scripts that run depmod
   * for the package's kernel without hiding its failure.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void debs_carryMlnxNamesKernelVersionsAndSource(String release, @TempDir Path dir)
      throws IOException {
    SyntheticDebBundle b = bundle(release);
    String kv = b.kernelPackageVersion();
    Map<String, Path> debs = new TreeMap<>();
    SyntheticDebBundle.COMMON.forEach(n -> debs.put(n, b.deb(n)));
    SyntheticDebBundle.MLNX_LIBS.forEach(n -> debs.put(n, b.deb(n)));
    debs.put("lustre-like-modules", b.dependentDeb());

    for (Map.Entry<String, Path> e : debs.entrySet()) {
      String name = e.getKey();
      Path deb = e.getValue();
      boolean kernel = name.endsWith("-modules");
      String source = SyntheticDebBundle.SOURCES.get(name);
      assertThat(field(deb, "Package")).isEqualTo(name);
      assertThat(field(deb, "Version")).isEqualTo(kernel ? kv : "1.0-1");
      assertThat(field(deb, "Source")).isEqualTo(kernel ? source + " (1.0-1)" : "");
      assertThat(field(deb, "Architecture"))
          .isEqualTo(name.equals("ofa-like-utils") ? "all" : "amd64");
      if (kernel) {
        Path scripts = dir.resolve(name + ".control");
        Processes.runChecked(null, List.of("dpkg-deb", "-e", deb.toString(),
            scripts.toString()));
        for (String script : List.of("postinst", "postrm")) {
          String text = Files.readString(scripts.resolve(script));
          assertThat(text).contains("if [ -d /lib/modules/" + release + " ]; then\n\t\tdepmod -a "
              + release + "\n").doesNotContain("|| true").doesNotContain("|| :");
        }
      }
    }
    assertThat(field(b.dependentDeb(), "Depends")).isEqualTo("ofa-like-modules (= " + kv + ")");

    String mods = "lib/modules/" + release + "/updates/";
    String devel = "usr/src/ofa_kernel/x86_64/" + release + "/";
    assertThat(contents(debs.get("ofa-like-modules"))).containsExactly(
        "etc/depmod.d/zz01-ofa-like.conf", mods + "ofa-like/ofa_compat.ko",
        mods + "ofa-like/ofa_core.ko", "usr/share/doc/ofa-like-modules/changelog.Debian.gz",
        "usr/share/doc/ofa-like-modules/copyright", devel + "Module.symvers",
        devel + "include/ofa_like/compat.h", devel + "include/rdma/ib_cm.h",
        devel + "include/rdma/ib_verbs.h", devel + "include/rdma/rdma_cm.h");
    assertThat(contents(debs.get("knem-like-modules"))).filteredOn(f -> f.endsWith(".ko"))
        .containsExactly(mods + "knem-like/knem_like.ko");
    assertThat(contents(b.dependentDeb())).filteredOn(f -> f.endsWith(".ko"))
        .containsExactly(mods + "lustre-like/ko2iblnd_like.ko", mods + "lustre-like/lnet_like.ko");
    assertThat(contents(debs.get("libofa-like"))).noneMatch(f -> f.startsWith("lib/modules/"))
        .contains("usr/lib/x86_64-linux-gnu/libofa-like/ofa-like.driver");
    assertThat(contents(debs.get("ofa-like-utils"))).noneMatch(f -> f.startsWith("lib/modules/"))
        .contains("usr/bin/ofa-like-info", "etc/ofa-like/ofa-like.conf");
    Path provider = unpack(debs.get("ofa-like-modules"), dir.resolve("provider"));
    assertThat(Files.readString(provider.resolve("etc/depmod.d/zz01-ofa-like.conf")))
        .isEqualTo("override ofa_compat * updates/ofa-like\n"
            + "override ofa_core * updates/ofa-like\n");
  }

  /**
   * Every module is built for the bundle's kernel (modinfo's vermagic), and Lustre's o2iblnd case:
   * ko2iblnd_like records, for every ofa_core export it calls, the CRC in the Module.symvers that
   * the bundle's own ofa-like-modules carries.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void modules_areBuiltForTheKernel_dependentHasTheProvidersCrcs(String release,
      @TempDir Path dir) throws IOException {
    SyntheticDebBundle b = bundle(release);
    Path root = dir.resolve("root");
    for (String name : SyntheticDebBundle.COMMON) {
      unpack(b.deb(name), root);
    }
    unpack(b.dependentDeb(), root);
    Path updates = root.resolve("lib/modules/" + release + "/updates");
    List<Path> kos;
    try (Stream<Path> walk = Files.walk(updates)) {
      kos = walk.filter(p -> p.toString().endsWith(".ko")).sorted().toList();
    }
    assertThat(kos).extracting(p -> p.getFileName().toString().replace(".ko", ""))
        .containsExactlyInAnyOrderElementsOf(STACK);
    for (Path ko : kos) {
      assertThat(ModuleTools.modinfo(ko, "vermagic")).as(ko.toString()).singleElement()
          .satisfies(v -> assertThat(v).startsWith(release + " SMP "));
    }

    Map<String, String> provider = new TreeMap<>();
    KsymRequirements.symvers(
        root.resolve("usr/src/ofa_kernel/x86_64/" + release + "/Module.symvers"),
        Set.of("ofa_core")).forEach((sym, crc) -> provider.put(sym, KsymRequirements.crc(crc)));
    Path ko2iblnd = updates.resolve("lustre-like/ko2iblnd_like.ko");
    Map<String, String> imports = new TreeMap<>();
    ModuleTools.modversions(ko2iblnd)
        .forEach((sym, crc) -> imports.put(sym, KsymRequirements.crc(crc)));
    imports.keySet().retainAll(provider.keySet());

    assertThat(imports).hasSize(6).isEqualTo(provider);
    assertThat(ModuleTools.modinfo(ko2iblnd, "depends")).singleElement()
        .satisfies(d -> assertThat(d.split(",")).containsExactlyInAnyOrder("lnet_like",
            "ofa_core"));
  }

  /**
   * The same inputs give the same bytes: the example built again for the newest kernel, in another
   * directory, gives byte-identical packages, indexes and archives (dpkg stamps every file with the
   * changelog's date; the rules leave the build directory out of the modules).
   */
  @Test
  void rebuild_isByteIdentical(@TempDir Path dir) throws IOException {
    String release = DebianKernels.newest61().release();
    SyntheticDebBundle b = bundle(release);
    Path example = SyntheticBundles.exampleDir();
    Path out = dir.resolve("again");
    Processes.runChecked(null, List.of(example.resolve("make-deb-bundle.sh").toString(),
        release, out.toString()));
    Path again = out.resolve(b.bundleDir().getFileName());
    Processes.runChecked(null, List.of(example.resolve("build-dependent-deb.sh").toString(),
        release, again.toString(), out.resolve("lustre-like_1.0.orig.tar.gz").toString(),
        dir.resolve("dependent").toString()));

    List<String> files = files(b.bundleDir());
    assertThat(files(again)).isEqualTo(files);
    for (String f : files) {
      assertThat(again.resolve(f)).as(f).hasSameBinaryContentAs(b.bundleDir().resolve(f));
    }
    assertThat(out.resolve(b.bundleTgz().getFileName())).hasSameBinaryContentAs(b.bundleTgz());
    assertThat(out.resolve("lustre-like_1.0.orig.tar.gz"))
        .hasSameBinaryContentAs(b.dependentSource());
    assertThat(dir.resolve("dependent").resolve(b.dependentDeb().getFileName()))
        .hasSameBinaryContentAs(b.dependentDeb());
  }

  /**
   * The node image moves from 6.1.0-47 to 6.1.0-56. Checked as packages against the real
   * linux-image deb: the stack built for 56 loads whole; the one built for 47 is not found by 56's
   * modprobe (Debian has no weak-updates), and copied into 56's updates/ anyway it is refused at
   * module_layout, which Debian's ABI bump changed.
   */
  @Test
  void upgradeTo56_56StackLoads_47StackRefused(@TempDir Path dir) throws IOException {
    String n = DebianKernels.newest61().release();
    String o = DebianKernels.oldest61().release();
    SyntheticDebBundle current = bundle(n);
    SyntheticDebBundle old = bundle(o);
    Path kernelDeb = DebianKernelDebs.image(n);

    ProcessResult text = check(kernelDeb, current, null, false);
    assertThat(text.exitCode()).as(text.describe()).isZero();
    assertThat(text.stdout()).startsWith("kernel " + n + ": 5 of 5 modules load");
    JsonNode loads = json(check(kernelDeb, current, null, true));
    assertThat(verdicts(loads)).containsExactly("loads", "loads", "loads", "loads", "loads");
    assertThat(loads.get("findings")).isEmpty();
    assertThat(loads.get("results").get(4).get("file").asString())
        .isEqualTo("updates/lustre-like/ko2iblnd_like.ko");

    Path root47 = dir.resolve("root47");
    JsonNode missing = json(check(kernelDeb, old, root47, true));
    assertThat(verdicts(missing)).containsOnly("not-found").hasSize(STACK.size());

    // The 47 build copied into 56's tree, as a forced install would put it.
    Path from = root47.resolve("lib/modules/" + o + "/updates");
    Path to = root47.resolve("lib/modules/" + n + "/updates");
    ProcessResult copy = Processes.run(null, List.of("cp", "-a", from.toString(),
        to.toString()));
    assertThat(copy.exitCode()).as(copy.describe()).isZero();
    List<String> args = new ArrayList<>(List.of("check", "--json", "--root", root47.toString(),
        "--kernel", n));
    args.addAll(STACK);
    JsonNode forced = json(Rdmaforge.run(args));
    assertThat(verdicts(forced)).containsExactly("symbol-version-mismatch", "dependency-failed",
        "symbol-version-mismatch", "symbol-version-mismatch", "dependency-failed");
    for (int i : new int[] {0, 2, 3}) {
      assertThat(forced.get("results").get(i).get("symbols").toString())
          .isEqualTo("[\"module_layout\"]");
    }
    assertThat(forced.get("results").get(4).get("blocked_by").asString()).isEqualTo("ofa_compat");
  }

  /** {@code check --packages BUNDLE DEPENDENT_DEB --kernel-package KERNEL} for the stack. */
  private static ProcessResult check(Path kernelDeb, SyntheticDebBundle bundle, Path keepRoot,
      boolean json) {
    List<String> args = new ArrayList<>(List.of("check"));
    if (json) {
      args.add("--json");
    }
    if (keepRoot != null) {
      args.addAll(List.of("--package-root", keepRoot.toString()));
    }
    args.addAll(STACK);
    args.addAll(List.of("--kernel-package", kernelDeb.toString(), "--packages",
        bundle.bundleDir().toString(), bundle.dependentDeb().toString()));
    return Rdmaforge.run(args);
  }

  private static JsonNode json(ProcessResult r) {
    assertThat(r.exitCode()).as(r.describe()).isIn(0, 1);
    JsonNode doc = JSON.readTree(r.stdout());
    assertThat(doc.get("schema").asInt()).isEqualTo(1);
    return doc;
  }

  private static List<String> verdicts(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.get("results").forEach(r -> out.add(r.get("verdict").asString()));
    return out;
  }
}
