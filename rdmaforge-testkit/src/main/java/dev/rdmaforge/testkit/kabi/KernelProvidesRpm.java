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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RPM that provides what a RHEL kernel's {@code kernel-core} and {@code kernel-modules}
 * packages provide for kmod packages to depend on: {@code kernel-uname-r = RELEASE} and one
 * {@code kernel(sym) = 0xCRC} per export of the kernel's Module.symvers (vmlinux and in-tree
 * modules alike), CRCs written {@code 0x%08x} as RHEL's find-provides.ksyms writes them. It carries
 * no files: it stands for a Debian kernel in {@code rpm}'s database, so that {@code rpm -i --test}
 * can decide a kmod package's {@code kernel(sym)} requirements against that kernel.
 *
 * <p>Built with the real rpmbuild and kept in {@code DebianKernels.cacheDir()/packages/kernel-
 * provides/RELEASE-KEY/}, the key being the SHA-256 of the Module.symvers and {@link #FORMAT}.
 */
public final class KernelProvidesRpm {
  /** Bump when the spec written below changes. */
  static final String FORMAT = "1";

  private KernelProvidesRpm() {}

  /** The provides RPM of Debian's {@code release}, from its linux-headers' Module.symvers. */
  public static Path forRelease(String release) {
    Path symvers = DebianKernels.headersSymvers(release);
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("packages"));
    BuildCache.Entry entry = cache.entry("kernel-provides", release + "-" + key(symvers),
        dir -> build(release, symvers, dir));
    return entry.dir().resolve(fileName(release));
  }

  /** {@code kernel-core-6.1.0-56.amd64.x86_64.rpm} for {@code 6.1.0-56-amd64}. */
  static String fileName(String release) {
    return "kernel-core-" + version(release) + "-" + rpmRelease(release) + ".x86_64.rpm";
  }

  private static void build(String release, Path symvers, Path dir) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path spec = work.resolve("kernel-core.spec");
    Files.writeString(spec, spec(release, KsymRequirements.symvers(symvers, null)),
        StandardCharsets.UTF_8);
    StringBuilder log = new StringBuilder();
    try {
      RpmBuild.binary(spec, work, "gzip", fileName(release), dir, log);
    } finally {
      Files.writeString(dir.resolve("build.log"), log, StandardCharsets.UTF_8);
    }
    FileTrees.deleteRecursively(work);
  }

  private static String spec(String release, Map<String, String> exports) {
    StringBuilder s = new StringBuilder();
    s.append("Name: kernel-core\nVersion: ").append(version(release)).append('\n');
    s.append("Release: ").append(rpmRelease(release)).append('\n');
    s.append("Summary: the kernel(sym) provides of Debian's linux-image-").append(release)
        .append('\n');
    s.append("License: GPL-2.0-only\nBuildArch: x86_64\nAutoReqProv: no\n");
    s.append("Provides: kernel-uname-r = ").append(KmodRpmBuilder.unameVersion(release))
        .append('\n');
    for (Map.Entry<String, String> e : new TreeMap<>(exports).entrySet()) {
      s.append("Provides: kernel(").append(e.getKey()).append(") = ")
          .append(KsymRequirements.crc(e.getValue())).append('\n');
    }
    s.append("\n%description\nStands for the Debian kernel ").append(release)
        .append(" in rpm's database.\n\n%files\n");
    return s.toString();
  }

  /** {@code 6.1.0} of {@code 6.1.0-56-amd64}. */
  private static String version(String release) {
    int dash = release.indexOf('-');
    return dash < 0 ? release : release.substring(0, dash);
  }

  /** {@code 56.amd64} of {@code 6.1.0-56-amd64}: rpm allows no {@code -} in a release. */
  private static String rpmRelease(String release) {
    int dash = release.indexOf('-');
    String rest = dash < 0 ? "0" : release.substring(dash + 1);
    return rest.replace('-', '.').replace('+', '.');
  }

  private static String key(Path symvers) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("format " + FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(symvers));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + symvers, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
