package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other ways a stack reaches {@code rdmaforge build}: an MLNX_OFED <em>Debian</em> bundle
 * (DEBS/, sources as {@code .orig.tar.gz} with debian/ in MLNX_OFED_SRC-debian), rebuilt for
 * 6.1.0-56 with the real dpkg-buildpackage, with its Lustre-like dependent given as a source
 * archive or as an unpacked Debian tree; and an RPM dependent given as a spec directory (a
 * dist-git checkout: spec and sources side by side), as sites keep their Lustre patches.
 */
class BuildSourceFormsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String BUNDLE = "MLNX_OFED_LINUX-" + SyntheticBundle.VERSION
      + "-debian12-x86_64";

  @TempDir Path dir;

  private final String oldRelease = DebianKernels.oldest61().release();
  private final String newRelease = DebianKernels.newest61().release();

  private Path stack(Path bundle, Path source, String provider, String format)
      throws IOException {
    String yaml = "bundle: " + bundle + "\n"
        + "kernels:\n"
        + "  - release: " + newRelease + "\n"
        + "    headers: /usr/src/linux-headers-" + newRelease + "\n"
        + "dependents:\n"
        + "  - name: lustre-like\n"
        + "    source: " + source + "\n"
        + "    provider: " + provider + "\n"
        + "    options: [\"--with-o2ib={provider.devel}\"]\n"
        + "output:\n"
        + "  format: " + format + "\n"
        + "  directory: ./out\n";
    return Files.writeString(dir.resolve("stack.yaml"), yaml);
  }

  private ProcessResult run(String command, Path stack, String... more) {
    List<String> args = new ArrayList<>(List.of(command, stack.toString(), "--store",
        dir.resolve("store").toString()));
    if (command.equals("build")) {
      args.addAll(List.of("--work", dir.resolve("work").toString()));
    }
    args.addAll(List.of(more));
    return Rdmaforge.run(args);
  }

  @Test
  void debianBundle_rebuiltFor56_loadsThereAndReRunIsCached() throws IOException {
    SyntheticDebBundle old = SyntheticBundles.debForRelease(oldRelease);
    Path stack = stack(old.bundleDir(), old.dependentSource(), "ofa-like-modules", "deb");

    ProcessResult plan = run("plan", stack, "--json");
    assertThat(plan.exitCode()).as(plan.describe()).isZero();
    JsonNode p = JSON.readTree(plan.stdout());
    List<String> ids = new ArrayList<>();
    p.get("steps").forEach(s -> ids.add(s.get("id").asString()));
    assertThat(ids).containsExactly("rebuild/knem-like/" + newRelease,
        "rebuild/ofa-like/" + newRelease, "dependent/lustre-like/" + newRelease);

    ProcessResult build = run("build", stack);
    assertThat(build.exitCode()).as(build.describe()).isZero();
    Path out = dir.resolve("out").resolve(BUNDLE);
    Path common = out.resolve("DEBS/COMMON");
    Path rebuilt = common.resolve("ofa-like-modules_1.0-1.kver." + newRelease + "_amd64.deb");
    assertThat(rebuilt).isRegularFile();
    assertThat(common.resolve("knem-like-modules_1.0-1.kver." + newRelease + "_amd64.deb"))
        .isRegularFile();
    // The shipped packages stay, user space untouched, the kernel added.
    assertThat(common.resolve("ofa-like-modules_1.0-1.kver." + oldRelease + "_amd64.deb"))
        .isRegularFile();
    assertThat(Files.readAllLines(out.resolve(".supported_kernels")))
        .containsExactly(oldRelease, newRelease);
    for (String lib : List.of("libofa-like_1.0-1_amd64.deb", "ofa-like-utils_1.0-1_all.deb")) {
      assertThat(Files.mismatch(out.resolve("DEBS/MLNX_LIBS").resolve(lib),
          old.bundleDir().resolve("DEBS/MLNX_LIBS").resolve(lib))).isEqualTo(-1L);
    }

    // dpkg's own view of the rebuilt package: version, source, kernel of its modules.
    Map<String, String> control = new TreeMap<>();
    for (String field : List.of("Package", "Version", "Source", "Architecture")) {
      control.put(field, Processes.runChecked(null, List.of("dpkg-deb", "-f",
          rebuilt.toString(), field)).stdout().strip());
    }
    assertThat(control).containsEntry("Version", "1.0-1.kver." + newRelease)
        .containsEntry("Package", "ofa-like-modules");
    assertThat(control.get("Source")).startsWith("ofa-like");
    Path x = dir.resolve("x");
    Processes.runChecked(null, List.of("dpkg-deb", "-x", rebuilt.toString(), x.toString()));
    Path core = x.resolve("lib/modules/" + newRelease + "/updates/ofa-like/ofa_core.ko");
    assertThat(ModuleTools.modinfo(core, "vermagic").get(0)).startsWith(newRelease + " ");

    // The apt index lists every package of the group directory, as apt reads it.
    String packages = Files.readString(common.resolve("Packages"));
    assertThat(packages).contains("Filename: ./ofa-like-modules_1.0-1.kver." + newRelease
        + "_amd64.deb");

    // ko2iblnd_like was built against the rebuilt provider: its CRCs are that build's.
    Path dependent = dir.resolve("out/dependents/lustre-like-modules_1.0-1.kver." + newRelease
        + "_amd64.deb");
    Path dx = dir.resolve("dx");
    Processes.runChecked(null, List.of("dpkg-deb", "-x", dependent.toString(), dx.toString()));
    Map<String, String> provider = new TreeMap<>();
    KsymRequirements.symvers(x.resolve("usr/src/ofa_kernel/x86_64/" + newRelease
        + "/Module.symvers"), null).forEach((s, c) -> provider.put(s, KsymRequirements.crc(c)));
    Path ko2iblnd;
    try (Stream<Path> s = Files.walk(dx)) {
      ko2iblnd = s.filter(f -> f.getFileName().toString().equals("ko2iblnd_like.ko"))
          .findFirst().orElseThrow();
    }
    Map<String, String> imports = new TreeMap<>();
    ModuleTools.modversions(ko2iblnd).forEach((s, c) -> imports.put(s,
        KsymRequirements.crc(c)));
    assertThat(imports).containsKey("ofa_register_client");
    imports.forEach((s, c) -> {
      if (provider.containsKey(s)) {
        assertThat(c).as(s).isEqualTo(provider.get(s));
      }
    });

    // The real checker on the packages laid out with the 6.1.0-56 kernel package.
    ProcessResult check = Rdmaforge.run("check", "--json", "ofa_core", "knem_like",
        "ko2iblnd_like", "--kernel-package", DebianKernelDebs.image(newRelease).toString(),
        "--packages", out.toString(), dir.resolve("out/dependents").toString());
    assertThat(check.exitCode()).as(check.describe()).isZero();
    List<String> verdicts = new ArrayList<>();
    JSON.readTree(check.stdout()).get("results").forEach(r ->
        verdicts.add(r.get("module").asString() + " " + r.get("verdict").asString()));
    assertThat(verdicts).containsExactly("ofa_core loads", "knem_like loads",
        "ko2iblnd_like loads");

    ProcessResult again = run("build", stack);
    assertThat(again.exitCode()).as(again.describe()).isZero();
    assertThat(again.stdout()).contains("is up to date").doesNotContain("built    ");
  }

  @Test
  void debianDependentAsSourceTree_buildsLikeTheArchive_andAChangeRebuildsOnlyIt()
      throws IOException {
    SyntheticDebBundle old = SyntheticBundles.debForRelease(oldRelease);
    Path tree = dir.resolve("src");
    Files.createDirectories(tree);
    Processes.runChecked(null, List.of("tar", "xzf", old.dependentSource().toString(), "-C",
        tree.toString()));
    Path lustre;
    try (Stream<Path> s = Files.list(tree)) {
      lustre = s.findFirst().orElseThrow();
    }
    Path stack = stack(old.bundleDir(), lustre, "ofa-like-modules", "deb");
    ProcessResult build = run("build", stack);
    assertThat(build.exitCode()).as(build.describe()).isZero();
    assertThat(dir.resolve("out/dependents/lustre-like-modules_1.0-1.kver." + newRelease
        + "_amd64.deb")).isRegularFile();
    // dpkg-buildpackage ran on a copy: the user's tree has no build products.
    try (Stream<Path> s = Files.walk(lustre)) {
      assertThat(s.map(Path::toString).filter(f -> f.endsWith(".ko") || f.endsWith(".o")))
          .isEmpty();
    }

    Path c = lustre.resolve("ko2iblnd_like.c");
    Files.writeString(c, Files.readString(c) + "\n/* a site's local patch */\n");
    ProcessResult plan = run("plan", stack, "--json");
    assertThat(plan.exitCode()).as(plan.describe()).isZero();
    Map<String, Boolean> cached = new TreeMap<>();
    JSON.readTree(plan.stdout()).get("steps").forEach(s ->
        cached.put(s.get("id").asString(), s.get("cached").asBoolean()));
    assertThat(cached).containsEntry("rebuild/ofa-like/" + newRelease, true)
        .containsEntry("rebuild/knem-like/" + newRelease, true)
        .containsEntry("dependent/lustre-like/" + newRelease, false);
  }

  @Test
  void rpmDependentAsSpecDirectory_isBuiltAgainstTheRebuiltProvider() throws IOException {
    SyntheticBundle old = SyntheticBundles.forRelease(oldRelease);
    // A dist-git checkout: the spec and its sources side by side, as the SRPM holds them.
    Path distGit = Files.createDirectories(dir.resolve("lustre-like"));
    Processes.runChecked(distGit, List.of("sh", "-c", "rpm2cpio '" + old.dependentSrpm()
        + "' | cpio -id --quiet"));
    assertThat(distGit.resolve("lustre-like.spec")).isRegularFile();
    Path stack = stack(old.bundleDir(), distGit, "kmod-ofa-like", "rpm");

    ProcessResult build = run("build", stack);
    assertThat(build.exitCode()).as(build.describe()).isZero();
    List<String> dependents;
    try (Stream<Path> s = Files.list(dir.resolve("out/dependents"))) {
      dependents = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rpm"))
          .sorted().toList();
    }
    assertThat(dependents).singleElement().satisfies(n ->
        assertThat(n).startsWith("kmod-lustre-like-").contains(newRelease.replace('-', '_')));
    assertThat(build.stdout()).contains("load check: " + newRelease + ": kmod-lustre-like");
  }

  @Test
  void formatsThatCannotMeet_areRefusedBeforeAnyBuild() throws IOException {
    SyntheticDebBundle old = SyntheticBundles.debForRelease(oldRelease);
    Path srpm = SyntheticBundles.forRelease(oldRelease).dependentSrpm();
    // A source RPM cannot make Debian packages.
    ProcessResult srpmForDeb = run("plan", stack(old.bundleDir(), srpm, "ofa-like-modules",
        "deb"));
    assertThat(srpmForDeb.exitCode()).as(srpmForDeb.describe()).isEqualTo(2);
    assertThat(srpmForDeb.stderr()).contains("a source RPM cannot make Debian packages");
    // A Debian bundle cannot take RPM output.
    ProcessResult rpmForDebs = run("plan", stack(old.bundleDir(), old.dependentSource(),
        "ofa-like-modules", "rpm"));
    assertThat(rpmForDebs.exitCode()).as(rpmForDebs.describe()).isEqualTo(2);
    assertThat(rpmForDebs.stderr()).contains("holds Debian packages (DEBS/)")
        .contains("set `format: deb`");
    // Signing Debian builds is refused with its reason, not silently skipped.
    Path key = dir.resolve("site_key.pem");
    Path cert = dir.resolve("site_key.x509");
    Processes.runChecked(dir, List.of("openssl", "req", "-new", "-x509", "-newkey", "rsa:2048",
        "-nodes", "-days", "36500", "-sha256", "-subj", "/CN=rdmaforge deb signing test/",
        "-outform", "DER", "-keyout", key.toString(), "-out", cert.toString()));
    Path signed = stack(old.bundleDir(), old.dependentSource(), "ofa-like-modules", "deb");
    Files.writeString(signed, Files.readString(signed) + "signing:\n  key: ./site_key.pem\n"
        + "  certificate: ./site_key.x509\n");
    ProcessResult signedDeb = run("plan", signed);
    assertThat(signedDeb.exitCode()).as(signedDeb.describe()).isEqualTo(2);
    assertThat(signedDeb.stderr()).contains("signing is supported for RPM output only");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
