package dev.rdmaforge.testkit.bundle;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The ofed-like example bundle of a kernel, RPM ({@link SyntheticBundle}) or DEB ({@link
 * SyntheticDebBundle}), built by the example's own scripts the first time it is asked for and then
 * taken from the cache ({@code DebianKernels.cacheDir()/bundles/RELEASE/KEY} and {@code
 * .../deb-bundles/RELEASE/KEY}):
 *
 * <pre>
 * KEY/bundle/       examples/ofed-like/make-bundle.sh RELEASE KEY/bundle
 * KEY/dependent/    examples/ofed-like/build-dependent.sh RELEASE BUNDLE SRPM KEY/dependent
 *
 * KEY/bundle/       examples/ofed-like/make-deb-bundle.sh RELEASE KEY/bundle
 * KEY/dependent/    examples/ofed-like/build-dependent-deb.sh RELEASE BUNDLE ORIG KEY/dependent
 * </pre>
 *
 * <p>The scripts are run from the source tree, found by walking up from the working directory to
 * the directory holding {@code examples/ofed-like} (Maven runs the tests in a module directory).
 * They are not copied onto the class path: the test then runs exactly what a person runs from
 * {@code examples/}, and no build step has to mirror the example.
 *
 * <p>The key is the SHA-256 (first 16 hex digits) of one line per input: {@link #FORMAT}, every
 * file of the example (path relative to it, content hash, sorted by path), the headers' {@code
 * Module.symvers} and {@code rpmbuild --version}; for the DEB bundle {@link #DEB_FORMAT} in place
 * of {@link #FORMAT}, and the first line of {@code dpkg-buildpackage --version} and debhelper's
 * package version in place of rpmbuild's. The headers are the installed {@code
 * /usr/src/linux-headers-RELEASE}.
 */
public final class SyntheticBundles {
  /** Bump when what this class asks of the scripts changes. */
  static final String FORMAT = "1";

  /** Bump when what this class asks of the DEB scripts changes. */
  static final String DEB_FORMAT = "1";

  /** The example's directory below the source tree's root. */
  static final String EXAMPLE = "examples/ofed-like";

  private static final Map<String, SyntheticBundle> BUILT = new ConcurrentHashMap<>();
  private static final Map<String, SyntheticDebBundle> BUILT_DEB = new ConcurrentHashMap<>();

  private SyntheticBundles() {}

  /** The example built for {@code release} (see the class comment). */
  public static SyntheticBundle forRelease(String release) {
    SyntheticBundle known = BUILT.get(release);
    if (known != null) {
      return known;
    }
    long start = System.nanoTime();
    Path example = exampleDir();
    Path symvers = headersSymvers(release);
    String version = Processes.runChecked(null,
        List.of(Tools.require("rpmbuild", "rpm").toString(), "--version")).stdout();
    String key = key("format " + FORMAT, example, symvers, List.of(version.strip()));
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("bundles"));
    BuildCache.Entry entry = cache.entry(release, key, dir -> build(example, release, dir));
    SyntheticBundle bundle = read(release, entry, Duration.ofNanos(System.nanoTime() - start));
    BUILT.putIfAbsent(release, bundle);
    return BUILT.get(release);
  }

  /**
   * The example built for {@code release} as Debian packages with {@code dpkg-buildpackage} (see
   * the class comment); cached like {@link #forRelease}.
   */
  public static SyntheticDebBundle debForRelease(String release) {
    SyntheticDebBundle known = BUILT_DEB.get(release);
    if (known != null) {
      return known;
    }
    long start = System.nanoTime();
    Path example = exampleDir();
    Path symvers = headersSymvers(release);
    Tools.require("dh", "debhelper");
    String dpkg = Processes.runChecked(null, List.of(
        Tools.require("dpkg-buildpackage", "dpkg-dev").toString(), "--version")).stdout();
    String debhelper = Processes.runChecked(null, List.of(
        "dpkg-query", "-W", "-f", "${Version}", "debhelper")).stdout();
    String key = key("deb-format " + DEB_FORMAT, example, symvers,
        List.of(dpkg.lines().findFirst().orElse("").strip(), "debhelper " + debhelper.strip()));
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("deb-bundles"));
    BuildCache.Entry entry = cache.entry(release, key, dir -> buildDeb(example, release, dir));
    SyntheticDebBundle bundle =
        readDeb(release, entry, Duration.ofNanos(System.nanoTime() - start));
    BUILT_DEB.putIfAbsent(release, bundle);
    return BUILT_DEB.get(release);
  }

  private static Path headersSymvers(String release) {
    Path headers = Path.of("/usr/src/linux-headers-" + release);
    Path symvers = headers.resolve("Module.symvers");
    if (!Files.isRegularFile(symvers) || !Files.isRegularFile(headers.resolve("Makefile"))) {
      throw new IllegalStateException(headers + " is missing: install the headers with"
          + " `apt-get install -y --no-install-recommends linux-headers-" + release
          + "` or run ./test.sh, which installs them for the kernels the tests use");
    }
    return symvers;
  }

  /** {@code examples/ofed-like} of the source tree the working directory is in. */
  public static Path exampleDir() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(EXAMPLE).resolve("make-bundle.sh"))) {
        return p.resolve(EXAMPLE);
      }
    }
    throw new IllegalStateException("no " + EXAMPLE + "/make-bundle.sh in " + start
        + " or a directory above it; run the tests from the rdmaforge source tree");
  }

  private static void build(Path example, String release, Path dir) throws IOException {
    Path bundleOut = dir.resolve("bundle");
    run(List.of(example.resolve("make-bundle.sh").toString(), release, bundleOut.toString()));
    Path srpm = single(bundleOut, "lustre-like-*.src.rpm");
    Path bundle = single(bundleOut, "MLNX_OFED_LINUX-*-x86_64");
    run(List.of(example.resolve("build-dependent.sh").toString(), release, bundle.toString(),
        srpm.toString(), dir.resolve("dependent").toString()));
  }

  private static void buildDeb(Path example, String release, Path dir) throws IOException {
    Path bundleOut = dir.resolve("bundle");
    run(List.of(example.resolve("make-deb-bundle.sh").toString(), release,
        bundleOut.toString()));
    Path orig = single(bundleOut, "lustre-like_*.orig.tar.gz");
    Path bundle = single(bundleOut, "MLNX_OFED_LINUX-*-x86_64");
    run(List.of(example.resolve("build-dependent-deb.sh").toString(), release,
        bundle.toString(), orig.toString(), dir.resolve("dependent").toString()));
  }

  private static SyntheticDebBundle readDeb(String release, BuildCache.Entry entry,
      Duration took) {
    Path out = entry.dir().resolve("bundle");
    return new SyntheticDebBundle(release, single(out, "MLNX_OFED_LINUX-*-x86_64"),
        single(out, "MLNX_OFED_LINUX-*-x86_64.tgz"),
        single(out, "lustre-like_*.orig.tar.gz"),
        single(entry.dir().resolve("dependent"), "lustre-like-modules_*.deb"),
        entry.built(), took);
  }

  private static SyntheticBundle read(String release, BuildCache.Entry entry, Duration took) {
    Path out = entry.dir().resolve("bundle");
    Path bundle = single(out, "MLNX_OFED_LINUX-*-x86_64");
    return new SyntheticBundle(release, bundle,
        single(out, "MLNX_OFED_LINUX-*-x86_64.tgz"),
        single(out, "lustre-like-*.src.rpm"),
        single(entry.dir().resolve("dependent"), "kmod-lustre-like-*.rpm"),
        entry.built(), took);
  }

  private static void run(List<String> command) {
    ProcessResult r = Processes.run(null, command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("the ofed-like example failed to build:\n" + r.describe());
    }
  }

  private static Path single(Path dir, String glob) {
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, glob)) {
      List<Path> all = new ArrayList<>();
      found.forEach(all::add);
      if (all.size() != 1) {
        throw new IllegalStateException(dir + " has " + all.size() + " entries " + glob
            + " (expected one): " + all);
      }
      return all.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }

  /** The cache key: {@code format}, the example's files, the symvers and {@code tools}. */
  private static String key(String format, Path example, Path symvers, List<String> tools) {
    StringBuilder inputs = new StringBuilder(format + "\n");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        inputs.append(example.relativize(file)).append(' ').append(sha256(file)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + example, e);
    }
    inputs.append("symvers ").append(sha256(symvers)).append('\n');
    tools.forEach(t -> inputs.append(t).append('\n'));
    return sha256(inputs.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  private static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
