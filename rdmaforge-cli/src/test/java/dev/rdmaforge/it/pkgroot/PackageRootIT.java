package dev.rdmaforge.it.pkgroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rdmaforge.pkg.root.InstalledPackage;
import dev.rdmaforge.pkg.root.PackageRoot;
import dev.rdmaforge.pkg.root.PackageRootRequest;
import dev.rdmaforge.pkg.root.PackageRoots;
import dev.rdmaforge.pkg.root.WeakLink;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.modules.TestModule;
import dev.rdmaforge.testkit.modules.TestModules;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import dev.rdmaforge.testkit.pkgroot.RealInstall;
import dev.rdmaforge.testkit.pkgroot.RehomedModule;
import dev.rdmaforge.testkit.pkgroot.RootRpm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code check --packages} against a real installation of the same packages: the real Debian
 * kernel package ({@code linux-image-RELEASE} of the newest 6.1 ABI) with the test kit's kmod
 * packages, unpacked by {@code dpkg-deb -x} and {@code rpm --root --nodeps --noscripts -i}. The
 * composed root must equal that installation on every path it lays out (type, mode, link target,
 * content), and {@code check --packages} must give the verdicts {@code check --root} gives on it.
 * The cross-ABI case is a RHEL kmodtool package built for the oldest ABI on the newest kernel,
 * whose %post runs weak-modules: the weak-updates links are predicted by rdmaforge, and the test
 * makes them in the real root with {@code ln -s} following that prediction (the links themselves
 * are predicted, not observed; the verdicts on them are the oracle's).
 */
class PackageRootIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private static JsonNode json(ProcessResult r) {
    assertThat(r.exitCode()).as(r.describe()).isIn(0, 1);
    return JSON.readTree(r.stdout());
  }

  private static List<String> results(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.get("results").forEach(n -> out.add(n.toString()));
    return out;
  }

  /** Every path the root laid out has, in the real installation, the same type, mode and content. */
  private static int assertSameAsInstalled(PackageRoot root, Path real) throws IOException {
    int compared = 0;
    for (InstalledPackage p : root.all()) {
      for (String path : p.laidOut()) {
        Path ours = root.root().resolve(path);
        Path theirs = real.resolve(path);
        PosixFileAttributes a = Files.readAttributes(ours, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes b = Files.readAttributes(theirs, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        assertThat(a.isSymbolicLink()).as(path).isEqualTo(b.isSymbolicLink());
        assertThat(a.isDirectory()).as(path).isEqualTo(b.isDirectory());
        if (a.isSymbolicLink()) {
          assertThat(Files.readSymbolicLink(ours)).as(path)
              .isEqualTo(Files.readSymbolicLink(theirs));
        } else {
          assertThat(PosixFilePermissions.toString(a.permissions())).as(path)
              .isEqualTo(PosixFilePermissions.toString(b.permissions()));
        }
        if (a.isRegularFile()) {
          assertThat(Files.mismatch(ours, theirs)).as(path).isEqualTo(-1L);
        }
        compared++;
      }
    }
    return compared;
  }

  @Test
  void newestKernel_kmodPackages_sameRootAndVerdictsAsRealInstall() throws IOException {
    DebianKernel kernel = DebianKernels.newest61();
    String release = kernel.release();
    Path kernelDeb = DebianKernelDebs.image(release);
    BuiltPackages kmods = KmodPackages.forKernel(kernel);
    List<Path> rpms = List.of(kmods.rpm(KmodPackage.PROVIDER), kmods.rpm(KmodPackage.CONSUMERS));
    Path ibClientDeb = kmods.deb(KmodPackage.IB_CLIENT);
    Path symvers = kernel.requireSymvers();

    Path real = Files.createDirectories(dir.resolve("real"));
    RealInstall.deb(kernelDeb, real);
    RealInstall.deb(ibClientDeb, real);
    RealInstall.rpm(real, rpms);

    long start = System.nanoTime();
    PackageRoot root = PackageRoots.build(new PackageRootRequest(kernelDeb,
        List.of(rpms.get(0), rpms.get(1), ibClientDeb), dir.resolve("composed"), symvers));
    long composeMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(root.kernelRelease()).isEqualTo(release);
    assertThat(assertSameAsInstalled(root, real)).isGreaterThan(4000);
    assertThat(root.weakLinks()).isEmpty(); // no weak-modules in these packages' scripts
    assertThat(root.scripts()).anySatisfy(s -> {
      assertThat(s.packageLabel()).startsWith("kmod-rdmaforge-provider");
      assertThat(s.command()).startsWith("/usr/sbin/depmod -aeF");
      assertThat(s.predicted()).isTrue();
    });

    long t0 = System.nanoTime();
    JsonNode viaPackages = json(Rdmaforge.run("check", "--kernel-package", kernelDeb.toString(),
        "--symvers", symvers.toString(), "--all", "--json", "--packages",
        rpms.get(0).toString(), rpms.get(1).toString(), ibClientDeb.toString()));
    long packagesMillis = (System.nanoTime() - t0) / 1_000_000;
    long t1 = System.nanoTime();
    JsonNode viaRoot = json(Rdmaforge.run("check", "--root", real.toString(), "--kernel",
        release, "--symvers", symvers.toString(), "--all", "--json"));
    long rootMillis = (System.nanoTime() - t1) / 1_000_000;
    System.out.printf("PackageRootIT: compose %d ms; check --packages %d ms; check --root %d ms%n",
        composeMillis, packagesMillis, rootMillis);

    assertThat(results(viaPackages)).hasSizeGreaterThan(3900)
        .containsExactlyElementsOf(results(viaRoot));
    assertThat(viaPackages.get("schema").asInt()).isEqualTo(1);
    assertThat(viaPackages.get("packages").get("kernel_release").asString()).isEqualTo(release);
    assertThat(viaPackages.get("packages").get("installed")).hasSize(3);
    assertThat(viaPackages.get("packages").get("kept").asBoolean()).isFalse();
    assertThat(Path.of(viaPackages.get("packages").get("root").asString())).doesNotExist();
  }

  /**
   * Two kmodtool packages built for the oldest ABI, on the newest kernel. {@code
   * kmod-rdmaforge-old} holds ib_client as really built for the oldest ABI: Debian's ABI bump
   * changed {@code module_layout}'s CRC, so weak-modules refuses it. {@code kmod-rdmaforge-kabi}
   * holds provider and consumer with the CRCs of the newest kernel but the oldest kernel's
   * vermagic and tree (RHEL's kABI case, {@link RehomedModule}): consumer needs provider's export,
   * so both are linked together.
   */
  @Test
  void crossAbi_oldestKmodOnNewestKernel_predictsWeakLinksThatCheckAgreesWith()
      throws IOException {
    DebianKernel newest = DebianKernels.newest61();
    DebianKernel oldest = DebianKernels.oldest61();
    Path kernelDeb = DebianKernelDebs.image(newest.release());
    Path symvers = newest.requireSymvers();
    String home = "lib/modules/" + oldest.release() + "/extra/";
    Path old = new RootRpm("kmod-rdmaforge-old", "1.0")
        .copy(home + "rdmaforge-old/ib_client.ko",
            TestModules.forKernel(oldest).module(TestModule.IB_CLIENT))
        .kmodtoolPost(oldest.release(), "rdmaforge-old")
        .build(Files.createDirectories(dir.resolve("w1")), dir.resolve("rpms"));
    var built = TestModules.forKernel(newest);
    Path stage = dir.resolve("rehomed");
    Path kabi = new RootRpm("kmod-rdmaforge-kabi", "1.0")
        .copy(home + "rdmaforge/provider.ko", RehomedModule.write(
            built.module(TestModule.PROVIDER_V1), newest.release(), oldest.release(),
            stage.resolve("provider.ko")))
        .copy(home + "rdmaforge/consumer.ko", RehomedModule.write(
            built.module(TestModule.CONSUMER_V1), newest.release(), oldest.release(),
            stage.resolve("consumer.ko")))
        .kmodtoolPost(oldest.release(), "rdmaforge")
        .build(Files.createDirectories(dir.resolve("w2")), dir.resolve("rpms"));

    ProcessResult text = Rdmaforge.run("check", "--kernel-package", kernelDeb.toString(),
        "--symvers", symvers.toString(), "provider", "consumer", "ib_client", "--packages",
        old.toString(), kabi.toString());
    String weak = "lib/modules/" + newest.release() + "/weak-updates/rdmaforge/";
    assertThat(text.stdout()).as(text.describe()).contains(
        "weak-updates links predicted (RHEL weak-modules, not run)",
        weak + "provider.ko -> /" + home + "rdmaforge/provider.ko",
        "(not made) lib/modules/" + newest.release() + "/weak-updates/rdmaforge-old/ib_client.ko",
        "disagrees about version of symbol module_layout");

    PackageRoot root = PackageRoots.build(new PackageRootRequest(kernelDeb, List.of(old, kabi),
        dir.resolve("composed"), symvers));
    assertThat(root.weakLinks()).extracting(WeakLink::module, WeakLink::created)
        .containsExactly(
            tuple(home + "rdmaforge-old/ib_client.ko", false),
            tuple(home + "rdmaforge/consumer.ko", true),
            tuple(home + "rdmaforge/provider.ko", true));
    assertThat(root.weakLinks()).allSatisfy(
        l -> assertThat(l.homeRelease()).isEqualTo(oldest.release()));
    WeakLink refused = root.weakLinks().get(0);
    assertThat(refused.problems()).extracting(p -> p.symbol()).contains("module_layout");
    assertThat(refused.problems()).allSatisfy(p -> assertThat(p.provider()).isNotNull());
    WeakLink provider = root.weakLinks().get(2);
    assertThat(provider.link()).isEqualTo(weak + "provider.ko");
    assertThat(Files.readSymbolicLink(root.root().resolve(provider.link())))
        .isEqualTo(Path.of("/" + home + "rdmaforge/provider.ko"));

    // The oracle: the same packages really installed, plus the predicted links made by hand.
    Path real = Files.createDirectories(dir.resolve("real"));
    RealInstall.deb(kernelDeb, real);
    RealInstall.rpm(real, List.of(old, kabi));
    for (WeakLink l : root.weakLinks()) {
      if (l.created()) {
        Path link = real.resolve(l.link());
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(l.target()));
      }
    }
    List<String> args = new ArrayList<>(List.of("check", "--symvers", symvers.toString(),
        "--json", "provider", "consumer", "ib_client"));
    List<String> viaRoot = new ArrayList<>(args);
    viaRoot.addAll(List.of("--root", real.toString(), "--kernel", newest.release()));
    List<String> viaPackages = new ArrayList<>(args);
    viaPackages.addAll(List.of("--kernel-package", kernelDeb.toString(), "--packages",
        old.toString(), kabi.toString()));
    JsonNode ours = json(Rdmaforge.run(viaPackages));
    JsonNode theirs = json(Rdmaforge.run(viaRoot));
    assertThat(results(ours)).containsExactlyElementsOf(results(theirs));
    assertThat(ours.get("results").get(0).get("verdict").asString()).isEqualTo("loads");
    assertThat(ours.get("results").get(0).get("file").asString())
        .isEqualTo("weak-updates/rdmaforge/provider.ko");
    assertThat(ours.get("results").get(2).get("verdict").asString()).isEqualTo("not-found");
    assertThat(ours.get("packages").get("weak_updates")).hasSize(3);
  }
}
