package dev.rdmaforge.it.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import dev.rdmaforge.testkit.bundle.SyntheticDebBundle;
import dev.rdmaforge.testkit.images.HostAptSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rdmaforge element in a real diskimage-builder build, as seed 002 runs it from TripleO:
 * Debian's python3-diskimage-builder makes a Debian 12 image ({@code disk-image-create -t tar
 * debian-minimal rdmaforge}) whose kernel is pinned to {@code linux-image-6.1.0-56-amd64}, with the
 * ofed-like DEB stack built for that kernel. The build succeeds, the tar holds the stack's modules
 * in modules.dep, and {@code rdmaforge check} on the unpacked image says they load.
 *
 * <p>Sources are the host's apt sources ({@link HostAptSources}), written as DIB_APT_SOURCES_CONF
 * (DIB's own default names the security suite {@code bookworm/updates}, which fails). debootstrap
 * is replaced by a minbase tarball made once with mmdebstrap and kept in the test kit's cache
 * ({@code CACHE/dib/debootstrap-bookworm/KEY/}), given to DIB as
 * {@code $DIB_IMAGE_CACHE/debootstrap-debian-bookworm-amd64.tar.gz} with
 * DIB_DEBIAN_USE_DEBOOTSTRAP_CACHE=1. Needs root: DIB mounts, uses a loop device and chroots.
 */
class DibBuildIT {
  private static final String RELEASE = "6.1.0-56-amd64";
  private static final Set<String> SUITES =
      Set.of("bookworm", "bookworm-updates", "bookworm-security");
  private static final String DEBOOTSTRAP_TARBALL = "debootstrap-debian-bookworm-amd64.tar.gz";

  @TempDir Path dir;

  /** Deletes the trees before JUnit does (it warns about each absolute link in them). */
  @AfterEach
  void deleteTrees() {
    FileTrees.deleteRecursively(dir.resolve("unpacked"));
    FileTrees.deleteRecursively(dir.resolve("tmp"));
  }

  @Test
  void diskImageCreate_debianMinimalWithTheElement_imageHoldsTheStackAndItLoads()
      throws IOException {
    requireRoot();
    Path diskImageCreate = Tools.require("disk-image-create", "python3-diskimage-builder");
    // debootstrap's root.d hook asks `debootstrap --version` even when it takes the cache.
    Tools.require("debootstrap", "debootstrap");
    SyntheticDebBundle stack = SyntheticBundles.debForRelease(RELEASE);
    List<String> sources = HostAptSources.lines(Path.of("/etc/apt"), SUITES);
    Path imageCache = Files.createDirectories(dir.resolve("image-cache"));
    linkOrCopy(debootstrapTarball(sources), imageCache.resolve(DEBOOTSTRAP_TARBALL));
    Path testElements = kernelPinElement(dir.resolve("elements"));
    Files.createDirectories(dir.resolve("tmp"));
    Files.createDirectories(dir.resolve("out"));

    Map<String, String> env = new TreeMap<>();
    env.put("ELEMENTS_PATH", DibElementScriptsIT.integrationsDir().resolve("elements") + ":"
        + testElements);
    env.put("DIB_RELEASE", "bookworm");
    env.put("DIB_DISTRIBUTION_MIRROR", uriOf(sources, "bookworm"));
    env.put("DIB_APT_SOURCES_CONF", aptSourcesConf(sources));
    env.put("DIB_DEBIAN_USE_DEBOOTSTRAP_CACHE", "1");
    env.put("DIB_IMAGE_CACHE", imageCache.toString());
    env.put("TMP_DIR", dir.resolve("tmp").toString());
    env.put("DIB_NO_TIMESTAMP", "1");
    env.put("DIB_RDMAFORGE_BIN", DibElementScriptsIT.launcher(dir).toString());
    env.put("DIB_RDMAFORGE_REPO", DibElementScriptsIT.repos(stack));
    env.put("DIB_RDMAFORGE_KERNEL", RELEASE);
    Path log = dir.resolve("disk-image-create.log");
    List<String> command = List.of(diskImageCreate.toString(), "-t", "tar", "-o",
        dir.resolve("out/image").toString(), "debian-minimal", "rdmaforge-test-kernel",
        "rdmaforge");

    long start = System.nanoTime();
    int exit = run(command, env, log);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exit).as("disk-image-create (log %s):\n%s", log, tail(output)).isZero();
    System.out.println("DibBuildIT: disk-image-create took " + took.toSeconds() + " s");
    assertThat(output).contains("rdmaforge element: ").contains(" image apply --root ")
        .contains(" image verify --root ");
    Path tar = dir.resolve("out/image.tar");
    Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
    Processes.runChecked(null, List.of("tar", "--extract", "--file", tar.toString(),
        "--directory", unpacked.toString(), "--numeric-owner", "--exclude=./dev/*"));
    Path modules = unpacked.resolve("usr/lib/modules/" + RELEASE);
    assertThat(DibElementScriptsIT.moduleFiles(modules))
        .contains("ofa_core", "ofa_compat", "knem_like", "lnet_like", "ko2iblnd_like");
    String dep = Files.readString(modules.resolve("modules.dep"), StandardCharsets.UTF_8);
    assertThat(dep).containsPattern("(^|\\n)\\S*/ofa_core\\.ko:")
        .containsPattern("(^|\\n)\\S*/knem_like\\.ko:");
    assertThat(unpacked.resolve("var/lib/rdmaforge/applied.json")).isRegularFile();

    // The image alone: the kernel's exports come from its own vmlinuz (it has no headers).
    ProcessResult check = Rdmaforge.run("check", "--root", unpacked.toString(), "--kernel",
        RELEASE, "ofa_core", "knem_like");
    assertThat(check.exitCode()).as(check.describe()).isZero();
    assertThat(check.stdout()).containsPattern("ofa_core +LOADS")
        .containsPattern("knem_like +LOADS");
  }

  /**
   * A tiny element of the test's own that installs the stack's kernel by its exact package name,
   * so the image's kernel is the one the stack was built for whatever linux-image-amd64 (which
   * debian-minimal installs) points to on the mirror that day.
   */
  private static Path kernelPinElement(Path elements) throws IOException {
    Path element = Files.createDirectories(elements.resolve("rdmaforge-test-kernel"));
    Files.writeString(element.resolve("element-deps"), "package-installs\n");
    Files.writeString(element.resolve("package-installs.yaml"),
        "linux-image-" + RELEASE + ":\n", StandardCharsets.UTF_8);
    return elements;
  }

  /**
   * The host's sources as DIB_APT_SOURCES_CONF ({@code NAME:LINE} per line; DIB writes each to
   * {@code etc/apt/sources.list.d/NAME.list} in the image).
   */
  static String aptSourcesConf(List<String> sources) {
    StringBuilder conf = new StringBuilder();
    int n = 0;
    for (String line : sources) {
      conf.append("host").append(n++).append(':').append(line).append('\n');
    }
    return conf.toString();
  }

  /** The URI of the first source of {@code suite}. */
  static String uriOf(List<String> sources, String suite) {
    for (String line : sources) {
      String[] words = line.replaceFirst("^deb (\\[[^]]*\\] )?", "").split(" ");
      if (words[1].equals(suite)) {
        return words[0];
      }
    }
    throw new IllegalStateException("no source for " + suite + " in " + sources);
  }

  /**
   * The minbase root debootstrap would make, as a .tar.gz from mmdebstrap, cached: KEY is the
   * SHA-256 (16 hex digits) of the command and {@code mmdebstrap --version}. Its sources.list is
   * removed, as DIB's debootstrap hook removes debootstrap's, so only DIB's sources are used.
   */
  private static Path debootstrapTarball(List<String> sources) {
    Path mmdebstrap = Tools.require("mmdebstrap", "mmdebstrap");
    List<String> command = new ArrayList<>(List.of(mmdebstrap.toString(), "--mode=root",
        "--variant=minbase", "--customize-hook=rm -f \"$1/etc/apt/sources.list\"", "bookworm",
        "OUT"));
    command.addAll(sources);
    ProcessResult version = Processes.runChecked(null, List.of(mmdebstrap.toString(),
        "--version"));
    String key = sha256(String.join("\n", command) + "\n" + version.stdout() + version.stderr());
    BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("dib"));
    BuildCache.Entry entry = cache.entry("debootstrap-bookworm", key, out -> {
      List<String> run = new ArrayList<>(command);
      run.set(run.indexOf("OUT"), out.resolve(DEBOOTSTRAP_TARBALL).toString());
      ProcessResult result = Processes.run(out, run);
      Files.writeString(out.resolve("mmdebstrap.log"), result.stderr() + result.stdout());
      if (result.exitCode() != 0) {
        throw new IllegalStateException("mmdebstrap could not make the debootstrap cache:\n"
            + result.describe());
      }
    });
    return entry.dir().resolve(DEBOOTSTRAP_TARBALL);
  }

  /** DIB may write into DIB_IMAGE_CACHE; the cache entry itself is never changed. */
  private static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to); // another file system
    }
  }

  /** Runs {@code command} with {@code env} added, both streams into {@code log}. */
  private static int run(List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("DIB_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      return builder.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static String tail(String output) {
    int limit = 6000;
    return output.length() <= limit ? output : "..." + output.substring(output.length() - limit);
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static void requireRoot() {
    String uid = Processes.runChecked(null, List.of("id", "-u")).stdout().strip();
    if (!uid.equals("0")) {
      throw new IllegalStateException("DibBuildIT needs root (diskimage-builder mounts, uses a"
          + " loop device and chroots; running as uid " + uid + "); run the ITs as ./test.sh does");
    }
  }
}
