package dev.rdmaforge.testkit.kabi;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.packages.KmodRpmBuilder;
import dev.rdmaforge.testkit.packages.KsymRequirements;
import dev.rdmaforge.testkit.packages.RpmBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kmod RPM per {@link BenchModules} module, built with the real rpmbuild in the shape of the
 * test kit's other kmod RPMs (RHEL kmodtool style): {@code kmod-rfbench-NN}, version 1.0, release
 * {@code 1.ABI} (so that the builds for two ABIs are two versions of one package, as a vendor's
 * kmods for two kernels are), the module in {@code /lib/modules/RELEASE/extra/rfbench/}, {@code
 * Provides: kmod(rfbench_NN.ko)}, and {@code kernel(sym)}/{@code ksym(sym)} requirements computed
 * as find-requires.ksyms computes them plus {@code kernel-uname-r}.
 */
public final class BenchKmodRpms {
  /** Bump when the spec written below changes. */
  static final String FORMAT = "1";

  private BenchKmodRpms() {}

  /** The {@code count} packages for {@code release}, sorted by file name. */
  public static List<Path> forRelease(String release, int count) {
    Path modules = BenchModules.forRelease(release, count);
    Path symvers = Path.of("/usr/src/linux-headers-" + release, "Module.symvers");
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("packages"));
    Path dir = cache.entry("bench-rpms", FORMAT + "-" + modules.getFileName(),
        out -> build(release, count, modules, symvers, out)).dir();
    List<Path> rpms = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.rpm")) {
      files.forEach(rpms::add);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
    rpms.sort(null);
    return rpms;
  }

  private static void build(String release, int count, Path modules, Path symvers, Path out)
      throws IOException {
    StringBuilder log = new StringBuilder();
    Path work = Files.createDirectories(out.resolve("work"));
    try {
      for (int n = 1; n <= count; n++) {
        String module = BenchModules.moduleName(n);
        Path pkgWork = Files.createDirectories(work.resolve(module));
        Path moduleDir = Files.createDirectories(
            pkgWork.resolve("root/lib/modules").resolve(release).resolve("extra/rfbench"));
        Path ko = moduleDir.resolve(module + ".ko");
        Files.copy(modules.resolve(module + ".ko"), ko);
        Map<String, String> own =
            KsymRequirements.symvers(modules.resolve("Module.symvers"), Set.of(module));
        List<String> requires = KsymRequirements.lines(List.of(ko), own, symvers);
        String name = "kmod-" + module.replace('_', '-');
        String rpmRelease = "1." + abi(release);
        Path spec = pkgWork.resolve(name + ".spec");
        Files.writeString(spec, spec(name, rpmRelease, release, module, requires),
            StandardCharsets.UTF_8);
        RpmBuild.binary(spec, pkgWork, "zstd", name + "-1.0-" + rpmRelease + ".x86_64.rpm", out,
            log);
      }
    } finally {
      Files.writeString(out.resolve("build.log"), log, StandardCharsets.UTF_8);
    }
    FileTrees.deleteRecursively(work);
  }

  private static String spec(String name, String rpmRelease, String release, String module,
      List<String> requires) {
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(name).append("\nVersion: 1.0\nRelease: ").append(rpmRelease)
        .append('\n');
    s.append("Summary: rdmaforge kABI benchmark module ").append(module).append(" for kernel ")
        .append(release).append('\n');
    s.append("License: GPL-2.0-only\nBuildArch: x86_64\nAutoReqProv: no\n");
    s.append("Provides: kmod(").append(module).append(".ko)\n");
    for (String line : requires) {
      s.append("Requires: ").append(line).append('\n');
    }
    s.append("Requires: kernel-uname-r = ").append(KmodRpmBuilder.unameVersion(release))
        .append('\n');
    s.append("\n%description\nA generated module of the rdmaforge kABI benchmark.\n");
    s.append("\n%install\ncp -a %{_sourcedir}/root/. %{buildroot}/\n");
    s.append("\n%files\n%dir /lib/modules/").append(release).append("/extra/rfbench\n");
    s.append("/lib/modules/").append(release).append("/extra/rfbench/").append(module)
        .append(".ko\n");
    return s.toString();
  }

  /** {@code 56} of {@code 6.1.0-56-amd64}. */
  private static String abi(String release) {
    String[] parts = release.split("-");
    return parts.length > 1 ? parts[1].replaceAll("[^0-9A-Za-z]", "") : "0";
  }
}
