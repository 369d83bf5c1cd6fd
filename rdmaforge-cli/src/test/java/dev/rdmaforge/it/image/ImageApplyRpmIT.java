package dev.rdmaforge.it.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.images.RpmRoots;
import dev.rdmaforge.testkit.images.TreeDigests;
import dev.rdmaforge.testkit.packages.RpmBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rdmaforge image apply} on an rpm-managed image root ({@link RpmRoots}: the Debian 12
 * root with kernel 6.1.0-56, its kernel registered with rpm as RHEL's kernel-core), with the
 * ofed-like stack as the MLNX_OFED RPM bundle and the lustre-like kmod built against it: the RHEL
 * image build of seeds 002/004, where the image's own rpm installs the kmod packages (their
 * {@code kernel(SYM)}, {@code ksym(SYM)} and {@code kernel-uname-r} requirements decided by its
 * database, their scriptlets run chrooted in the root), and a stack rpm refuses or that would not
 * load leaves the image as it was. The host's rpm databases and module indexes stay untouched.
 *
 * <p>No boot: {@link ImageApplyIT} boots the same modules applied to the Debian root; here the
 * files in {@code lib/modules} are the RPMs' (built against the same headers), and the verdicts
 * are rdmaforge's, whose agreement with the booted kernel CheckAgainstKernelIT establishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageApplyRpmIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String R = RpmRoots.RELEASE;
  private static final String NVR_TAIL = "-1.0-1.kver." + R.replace('-', '_') + ".x86_64";
  private static final List<String> STACK =
      List.of("kmod-ofa-like", "kmod-knem-like", "kmod-lustre-like");
  private static final List<String> TARGETS = List.of("ofa_core", "knem_like", "ko2iblnd_like");

  private Path dir;
  private SyntheticBundle stack;
  private Map<String, String> hostBefore;

  @BeforeAll
  void setUp() throws IOException {
    dir = Files.createTempDirectory("rdmaforge-image-apply-rpm-it-");
    stack = SyntheticBundles.forRelease(R);
    long start = System.nanoTime();
    RpmRoots.database();
    System.out.printf("ImageApplyRpmIT: rpm database of the root ready in %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
    hostBefore = hostState();
  }

  @AfterAll
  void cleanUp() throws IOException {
    try {
      assertThat(hostState()).as("the host's rpm databases and module indexes")
          .isEqualTo(hostBefore);
    } finally {
      Processes.run(null, List.of("rm", "-rf", dir.toString()));
    }
  }

  private Path root(String name) {
    long start = System.nanoTime();
    Path root = RpmRoots.extract(dir.resolve(name));
    System.out.printf("ImageApplyRpmIT: root %s extracted in %d ms%n", name,
        (System.nanoTime() - start) / 1_000_000);
    return root;
  }

  private List<String> repo() {
    return List.of("--repo", stack.bundleDir().toString(), stack.dependentRpm().toString());
  }

  private static ProcessResult apply(Path root, List<String> repo, String... more) {
    List<String> args = new ArrayList<>(List.of("image", "apply", "--root", root.toString()));
    args.addAll(List.of(more));
    args.addAll(repo);
    long start = System.nanoTime();
    ProcessResult r = Rdmaforge.run(args);
    System.out.printf("ImageApplyRpmIT: image apply %s: exit %d in %d ms%n", root.getFileName(),
        r.exitCode(), (System.nanoTime() - start) / 1_000_000);
    return r;
  }

  @Test
  void rpmStack_installedByTheImagesRpm_scriptletsInTheRoot_loads() throws IOException {
    Path root = root("applied");
    // RHEL's kmodtool %post pipes the package's modules to weak-modules when the image has it;
    // with one kernel the real script links nothing, so this one only records that the %post
    // ran, and where: inside the root (Debian has no weak-modules to run for real).
    Path weakModules = root.resolve("usr/sbin/weak-modules");
    Files.writeString(weakModules, "#!/bin/sh\necho \"weak-modules $*\" >>/var/log/kmod-post.log\n"
        + "cat >>/var/log/kmod-post.log\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(weakModules, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessResult dry = apply(root, repo(), "--dry-run");
    assertThat(dry.exitCode()).as(dry.describe()).isZero();
    assertThat(dry.stdout()).contains("would install kmod-ofa-like 1.0-1.kver."
        + R.replace('-', '_')).contains("dry run: nothing changed");
    assertThat(rpmQuery(root, STACK)).isEmpty();

    ProcessResult r = apply(root, repo(), "--json");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    JsonNode j = JSON.readTree(r.stdout());
    assertThat(j.get("kernel").asString()).isEqualTo(R);
    List<String> verdicts = new ArrayList<>();
    j.get("verdicts").forEach(v -> verdicts.add(v.get("module").asString() + " "
        + v.get("verdict").asString()));
    assertThat(verdicts).containsExactly("knem_like loads", "ko2iblnd_like loads",
        "lnet_like loads", "ofa_compat loads", "ofa_core loads");

    // Installed by rpm into the image's own database, which owns the module files now.
    assertThat(rpmQuery(root, STACK)).containsExactlyInAnyOrder("kmod-ofa-like" + NVR_TAIL,
        "kmod-knem-like" + NVR_TAIL, "kmod-lustre-like" + NVR_TAIL);
    ProcessResult owner = rpm(root, "-qf", "--qf", "%{NAME}\\n",
        "/lib/modules/" + R + "/extra/ofa-like/ofa_core.ko");
    assertThat(owner.stdout().strip()).as(owner.describe()).isEqualTo("kmod-ofa-like");
    assertThat(root.resolve("var/lib/dpkg")).doesNotExist();
    assertThat(root.resolve("var/lib/rdmaforge/applied.json")).isRegularFile();

    // Each kmod's %post ran chrooted into the root: its weak-modules call is logged inside.
    String post = Files.readString(root.resolve("var/log/kmod-post.log"));
    assertThat(post).contains("weak-modules --add-modules")
        .contains("/lib/modules/" + R + "/extra/ofa-like/ofa_core.ko")
        .contains("/lib/modules/" + R + "/extra/knem-like/knem_like.ko")
        .contains("/lib/modules/" + R + "/extra/lustre-like/net/ko2iblnd_like.ko");
    Path modules = root.resolve("usr/lib/modules/" + R);
    assertThat(Files.readString(modules.resolve("modules.dep")))
        .contains("extra/ofa-like/ofa_core.ko: extra/ofa-like/ofa_compat.ko")
        .contains("extra/lustre-like/net/ko2iblnd_like.ko: extra/lustre-like/net/lnet_like.ko"
            + " extra/ofa-like/ofa_core.ko extra/ofa-like/ofa_compat.ko");
    // What the apply left is what the image's own depmod writes.
    Map<String, String> indexes = TreeDigests.of(modules, "modules.");
    ProcessResult own = Processes.run(null, List.of("chroot", root.toString(), "depmod", "-a", R));
    assertThat(own.exitCode()).as(own.describe()).isZero();
    assertThat(TreeDigests.of(modules, "modules.")).isEqualTo(indexes);

    ProcessResult check = Rdmaforge.run(List.of("check", "--root", root.toString(), "--kernel",
        R, "--json", "ofa_core", "knem_like", "ko2iblnd_like"));
    assertThat(check.exitCode()).as(check.describe()).isZero();
    Map<String, String> checked = new TreeMap<>();
    JSON.readTree(check.stdout()).get("results").forEach(v -> checked.put(
        v.get("module").asString(), v.get("file").asString() + " " + v.get("verdict").asString()));
    assertThat(checked).containsOnlyKeys(TARGETS)
        .containsEntry("ofa_core", "extra/ofa-like/ofa_core.ko loads")
        .containsEntry("knem_like", "extra/knem-like/knem_like.ko loads")
        .containsEntry("ko2iblnd_like", "extra/lustre-like/net/ko2iblnd_like.ko loads");

    ProcessResult verify = Rdmaforge.run("image", "verify", "--root", root.toString());
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
  }

  @Test
  void dependentWithoutItsProvider_isRefusedByRpm_andTheImageIsUnchanged() throws IOException {
    Path root = root("refused");
    Map<String, String> treeBefore = TreeDigests.of(root.resolve("usr/lib/modules/" + R), "");
    List<String> packagesBefore = rpmAll(root);
    // Only kmod-lustre-like: its ksym(ofa_*) requirements name kmod-ofa-like's exports.
    ProcessResult r = apply(root, List.of("--repo", stack.dependentRpm().toString()));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).contains("image apply failed: the image's rpm refused the stack")
        .contains("Failed dependencies:")
        .containsPattern("ksym\\(ofa_register_client\\) = 0x[0-9a-f]{8} is needed by"
            + " kmod-lustre-like" + NVR_TAIL.replace(".", "\\."));
    assertThat(rpmQuery(root, STACK)).isEmpty();
    assertThat(rpmAll(root)).isEqualTo(packagesBefore);
    assertThat(TreeDigests.of(root.resolve("usr/lib/modules/" + R), "")).isEqualTo(treeBefore);
    assertThat(root.resolve("var/lib/rdmaforge/applied.json")).doesNotExist();
    assertThat(root.resolve("var/lib/rdmaforge/apply-journal")).doesNotExist();
  }

  @Test
  void installedStackThatWouldNotLoad_isErasedByRpm_andTheImageIsUnchanged() throws IOException {
    Path root = root("undone");
    Map<String, String> treeBefore = TreeDigests.of(root.resolve("usr/lib/modules/" + R), "");
    List<String> packagesBefore = rpmAll(root);
    // A vendor kmod rpm installs (no kernel(SYM) requirements), but its ofa_core is the
    // 6.1.0-47 build: the check refuses it on module_layout, and the apply erases it again.
    ProcessResult r = apply(root, List.of("--repo", vendorRpm().toString()));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
    assertThat(r.stderr()).contains("check: ofa_core: symbol-version-mismatch")
        .contains("undone: purged vendor-ofa-kmod")
        .contains("image apply failed: the stack would not load on " + R);
    assertThat(rpmAll(root)).isEqualTo(packagesBefore);
    // rpm -e removes what the package owned and leaves the parent directory rpm made for it
    // (extra/ is owned by no package; RHEL's kernel-core owns updates/ and weak-updates/ only),
    // empty: the same tree for depmod and modprobe.
    Map<String, String> treeAfter = TreeDigests.of(root.resolve("usr/lib/modules/" + R), "");
    assertThat(treeAfter.remove("extra")).isEqualTo("d");
    assertThat(treeAfter).isEqualTo(treeBefore);
    assertThat(root.resolve("etc/depmod.d/zz50-vendor-ofa.conf")).doesNotExist();
    assertThat(root.resolve("var/lib/rdmaforge/applied.json")).doesNotExist();
  }

  /**
   * {@code vendor-ofa-kmod}: the 6.1.0-47 bundle's ofa_core.ko in {@code extra/vendor} of
   * 6.1.0-56, with an override making it win and depmod in %post/%postun: an older vendor stack
   * repackaged for the new kernel without rebuilding.
   */
  private Path vendorRpm() throws IOException {
    SyntheticBundle old = SyntheticBundles.forRelease(DebianKernels.oldest61().release());
    Path work = Files.createDirectories(dir.resolve("vendor-work"));
    Path x = Files.createDirectories(work.resolve("x"));
    Processes.runChecked(x, List.of("sh", "-c", "rpm2cpio '" + old.rpm("kmod-ofa-like")
        + "' | cpio -idm --quiet"));
    Path core;
    try (Stream<Path> s = Files.walk(x)) {
      core = s.filter(f -> f.getFileName().toString().equals("ofa_core.ko")).findFirst()
          .orElseThrow();
    }
    Path staged = work.resolve("root");
    Path mod = Files.createDirectories(staged.resolve("lib/modules/" + R + "/extra/vendor"));
    Files.copy(core, mod.resolve("ofa_core.ko"));
    Files.createDirectories(staged.resolve("etc/depmod.d"));
    Files.writeString(staged.resolve("etc/depmod.d/zz50-vendor-ofa.conf"),
        "override ofa_core * extra/vendor\n");
    Path spec = work.resolve("vendor-ofa-kmod.spec");
    Files.writeString(spec, "Name: vendor-ofa-kmod\nVersion: 4.9\nRelease: 1\n"
        + "Summary: an older vendor RDMA core left in the image\nLicense: GPL-2.0-only\n"
        + "BuildArch: x86_64\nAutoReqProv: no\n"
        + "\n%description\nofa_core of another kernel.\n"
        + "\n%install\ncp -a %{_sourcedir}/root/. %{buildroot}/\n"
        + "\n%post\n/sbin/depmod -a " + R + " || :\n"
        + "\n%postun\n/sbin/depmod -a " + R + " || :\n"
        + "\n%files\n/lib/modules/" + R + "/extra/vendor\n/etc/depmod.d/zz50-vendor-ofa.conf\n",
        StandardCharsets.UTF_8);
    return RpmBuild.binary(spec, work, "gzip", "vendor-ofa-kmod-4.9-1.x86_64.rpm",
        dir.resolve("vendor"), new StringBuilder());
  }

  private static ProcessResult rpm(Path root, String... args) {
    List<String> cmd = new ArrayList<>(List.of("rpm", "--root", root.toString(), "--dbpath",
        RpmRoots.DBPATH));
    cmd.addAll(List.of(args));
    return Processes.run(null, cmd);
  }

  /** The installed ones of {@code names}, as NAME-VERSION-RELEASE.ARCH. */
  private static List<String> rpmQuery(Path root, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      ProcessResult r = rpm(root, "-q", n);
      if (r.exitCode() == 0) {
        out.add(r.stdout().strip());
      } else {
        assertThat(r.stdout()).as(r.describe()).contains("package " + n + " is not installed");
      }
    }
    return out;
  }

  private static List<String> rpmAll(Path root) {
    ProcessResult r = rpm(root, "-qa");
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.stdout().lines().sorted().toList();
  }

  /**
   * The host's rpm databases (Debian's rpm default {@code ~/.rpmdb} and {@code /var/lib/rpm};
   * sqlite's {@code -shm} index changes on every read) and every kernel's depmod indexes, which a
   * scriptlet escaping the chroot would rewrite.
   */
  private static Map<String, String> hostState() throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path home = Path.of(System.getProperty("user.home"));
    for (Path db : List.of(home.resolve(".rpmdb"), Path.of("/var/lib/rpm"))) {
      TreeDigests.of(db).forEach((k, v) -> {
        if (!k.endsWith("-shm")) {
          out.put(db + "/" + k, v);
        }
      });
    }
    Path modules = Path.of("/usr/lib/modules");
    if (Files.isDirectory(modules)) {
      try (DirectoryStream<Path> kernels = Files.newDirectoryStream(modules)) {
        for (Path k : kernels) {
          TreeDigests.of(k, "modules.").forEach((f, v) -> out.put(k + "/" + f, v));
        }
      }
    }
    return out;
  }


}
