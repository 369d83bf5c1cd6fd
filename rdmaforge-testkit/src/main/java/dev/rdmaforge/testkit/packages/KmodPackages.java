package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.modules.BuiltModules;
import dev.rdmaforge.testkit.modules.TestModule;
import dev.rdmaforge.testkit.modules.TestModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kmod packages ({@link KmodPackage}) of the test modules for a kernel, built for real with
 * {@code rpmbuild} and {@code dpkg-deb} the first time they are asked for and then taken from the
 * cache ({@code DebianKernels.cacheDir()/packages/RELEASE/KEY}); a file lock makes parallel JVMs
 * wait for one build.
 *
 * <p>The key is the SHA-256 (first 16 hex digits) of one line per input: {@link #FORMAT}, the
 * kernel's Module.symvers, every test module file, and the versions of rpmbuild and dpkg-deb.
 *
 * <pre>
 * BuiltPackages p = KmodPackages.forKernel(DebianKernels.newest61());
 * Path rpm = p.rpm(KmodPackage.CONSUMERS);          // zstd payload
 * Path deb = p.deb(KmodPackage.PROVIDER, "gzip");
 * </pre>
 */
public final class KmodPackages {
  /** Bump when what the builders put into a package changes. */
  static final String FORMAT = "1";

  private static final Map<String, BuiltPackages> BUILT = new ConcurrentHashMap<>();

  private KmodPackages() {}

  /** The packages for {@code kernel}'s release (see the class comment). */
  public static BuiltPackages forKernel(DebianKernel kernel) {
    return forRelease(kernel.release());
  }

  /**
   * The packages for {@code release}; its headers must be installed (the modules are compiled
   * against them) and its linux-headers package available (the kernel's Module.symvers decides
   * between {@code kernel()} and {@code ksym()}).
   */
  public static BuiltPackages forRelease(String release) {
    BuiltPackages known = BUILT.get(release);
    if (known != null) {
      return known;
    }
    long start = System.nanoTime();
    BuiltModules modules = TestModules.forRelease(release);
    Path symvers = DebianKernels.fetch(release).requireSymvers();
    String key = key(modules, symvers);
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("packages"));
    BuildCache.Entry entry = cache.entry(release, key, dir -> buildAll(modules, symvers, dir));
    BuiltPackages built = new BuiltPackages(
        release, entry.dir(), entry.built(), Duration.ofNanos(System.nanoTime() - start));
    BUILT.putIfAbsent(release, built);
    return BUILT.get(release);
  }

  private static void buildAll(BuiltModules modules, Path symvers, Path dir) throws IOException {
    StringBuilder log = new StringBuilder();
    Path work = Files.createDirectories(dir.resolve("work"));
    try {
      for (KmodPackage pkg : KmodPackage.values()) {
        for (String compression : compressions(pkg, BuiltPackages.RPM_COMPRESSIONS)) {
          KmodRpmBuilder.build(pkg, modules, symvers, compression,
              Files.createDirectories(work.resolve("rpm-" + pkg + "-" + compression)),
              dir.resolve("rpm").resolve(compression), log);
        }
        for (String compression : compressions(pkg, BuiltPackages.DEB_COMPRESSIONS)) {
          KmodDebBuilder.build(pkg, modules, compression,
              Files.createDirectories(work.resolve("deb-" + pkg + "-" + compression)),
              dir.resolve("deb").resolve(compression), log);
        }
      }
    } finally {
      Files.writeString(dir.resolve("build.log"), log, StandardCharsets.UTF_8);
    }
    FileTrees.deleteRecursively(work);
  }

  private static List<String> compressions(KmodPackage pkg, List<String> all) {
    return pkg == KmodPackage.PROVIDER ? all : all.subList(0, 1);
  }

  private static String key(BuiltModules modules, Path symvers) {
    StringBuilder inputs = new StringBuilder("format " + FORMAT + "\n");
    inputs.append("symvers ").append(sha256(symvers)).append('\n');
    Set<TestModule> used = EnumSet.noneOf(TestModule.class);
    for (KmodPackage pkg : KmodPackage.values()) {
      used.addAll(pkg.modules());
    }
    for (TestModule module : used) {
      inputs.append(module).append(' ').append(sha256(modules.module(module))).append('\n');
      inputs.append(module.dir()).append(" symvers ")
          .append(sha256(modules.symvers(module.dir()))).append('\n');
    }
    inputs.append(firstLine(Tools.require("rpmbuild", "rpm"), "--version"));
    inputs.append(firstLine(Tools.require("dpkg-deb", "dpkg"), "--version"));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(inputs.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(Path tool, String option) {
    String out = Processes.runChecked(null, List.of(tool.toString(), option)).stdout();
    int newline = out.indexOf('\n');
    return (newline < 0 ? out : out.substring(0, newline)) + "\n";
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
