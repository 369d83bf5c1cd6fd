package dev.rdmaforge.testkit.images;

import dev.rdmaforge.testkit.AptArchive;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A real Debian 12 image root, as image builders make one: {@code mmdebstrap --mode=root
 * --variant=apt} of bookworm with {@code linux-image-6.1.0-56-amd64} (only in bookworm-security),
 * {@code initramfs-tools} (so the kernel's postinst builds a real initrd) and {@code kmod},
 * from the host's own apt sources ({@link HostAptSources}). It is made once (about a minute) and
 * kept as a {@code .tar.zst} in the test kit's cache:
 *
 * <pre>
 * CACHE/roots/bookworm-RELEASE/KEY/root.tar.zst     the root, as mmdebstrap wrote it
 * CACHE/roots/bookworm-RELEASE/KEY/command.txt      the command that made it, one word per line
 * CACHE/roots/bookworm-RELEASE/KEY/mmdebstrap.log   its output
 * </pre>
 *
 * KEY is the SHA-256 (first 16 hex digits) of the command (without the output path), {@code
 * mmdebstrap --version} and the kernel package's candidate version from {@code apt-cache policy}:
 * a new kernel upload, another mirror or another mmdebstrap makes a new root. {@link BuildCache}
 * holds a file lock while it builds, so test JVMs running at once build it once. Needs root (the
 * root mode of mmdebstrap, and extracting device nodes and owners).
 */
public final class DebianRoots {

  /** The kernel release inside the root. */
  public static final String RELEASE = "6.1.0-56-amd64";

  /** The kernel package, whose version is part of the cache key. */
  public static final String KERNEL_PACKAGE = "linux-image-" + RELEASE;

  private static final String SUITE = "bookworm";
  private static final Set<String> SUITES =
      Set.of("bookworm", "bookworm-updates", "bookworm-security");
  private static final String TARBALL = "root.tar.zst";

  private static Path tarball;

  private DebianRoots() {}

  /** The root as a {@code .tar.zst}, from the cache or made now; never to be changed. */
  public static synchronized Path tarball() {
    if (tarball == null) {
      requireRoot("make the Debian 12 test root with mmdebstrap --mode=root");
      Path mmdebstrap = Tools.require("mmdebstrap", "mmdebstrap");
      List<String> command = command(mmdebstrap);
      String key = key(command, mmdebstrapVersion(mmdebstrap), kernelVersion());
      BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("roots"));
      BuildCache.Entry entry =
          cache.entry(SUITE + "-" + RELEASE, key, dir -> build(command, dir));
      tarball = entry.dir().resolve(TARBALL);
    }
    return tarball;
  }

  /**
   * A fresh, writable copy of the root in {@code into} (created; must be absent or empty),
   * extracted with {@code tar} keeping owners, modes, device nodes and extended attributes.
   *
   * @return {@code into}
   * @throws IllegalStateException when not run as root, or {@code into} holds files
   */
  public static Path extract(Path into) {
    requireRoot("extract the Debian 12 test root keeping its owners and device nodes");
    Path source = tarball();
    try {
      Files.createDirectories(into);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(into)) {
        if (entries.iterator().hasNext()) {
          throw new IllegalStateException(
              "cannot extract the Debian 12 test root into " + into + ": it is not empty");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + into, e);
    }
    Processes.runChecked(
        null,
        List.of(
            "tar",
            "--zstd",
            "--extract",
            "--file",
            source.toString(),
            "--directory",
            into.toString(),
            "--same-owner",
            "--same-permissions",
            "--numeric-owner",
            "--xattrs",
            "--xattrs-include=*"));
    return into;
  }

  /** The mmdebstrap command, with {@code OUT} standing for the tarball it writes. */
  static List<String> command(Path mmdebstrap) {
    List<String> command = new ArrayList<>();
    command.add(mmdebstrap.toString());
    command.add("--mode=root");
    command.add("--variant=apt");
    command.add("--include=" + KERNEL_PACKAGE + ",initramfs-tools,kmod");
    command.add(SUITE);
    command.add("OUT");
    command.addAll(HostAptSources.lines(Path.of("/etc/apt"), SUITES));
    return command;
  }

  private static void build(List<String> command, Path dir) throws IOException {
    Files.write(dir.resolve("command.txt"), command, StandardCharsets.UTF_8);
    List<String> run = new ArrayList<>(command);
    run.set(run.indexOf("OUT"), dir.resolve(TARBALL).toString());
    ProcessResult result = Processes.run(dir, run);
    Files.writeString(
        dir.resolve("mmdebstrap.log"), result.stderr() + result.stdout(), StandardCharsets.UTF_8);
    if (result.exitCode() != 0 || !Files.isRegularFile(dir.resolve(TARBALL))) {
      throw new IllegalStateException(
          "mmdebstrap could not make the Debian 12 test root (full log: "
              + dir.resolve("mmdebstrap.log")
              + "):\n"
              + result.describe());
    }
  }

  private static String key(List<String> command, String mmdebstrapVersion, String kernel) {
    StringBuilder text = new StringBuilder();
    for (String word : command) {
      text.append(word).append('\n');
    }
    text.append(mmdebstrapVersion).append('\n');
    text.append(KERNEL_PACKAGE).append('=').append(kernel).append('\n');
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String mmdebstrapVersion(Path mmdebstrap) {
    ProcessResult result = Processes.runChecked(null, List.of(mmdebstrap.toString(), "--version"));
    // mmdebstrap prints its version on standard error.
    return (result.stdout() + result.stderr()).strip();
  }

  /** The candidate version of the kernel package; refreshes stale package lists once. */
  private static String kernelVersion() {
    String candidate = candidate();
    if (candidate.isEmpty()) {
      AptArchive.update();
      candidate = candidate();
    }
    if (candidate.isEmpty()) {
      throw new IllegalStateException(
          "apt-cache policy "
              + KERNEL_PACKAGE
              + " shows no candidate: the host's apt sources must include bookworm-security,"
              + " the only suite that has it");
    }
    return candidate;
  }

  private static String candidate() {
    ProcessResult result =
        Processes.runChecked(null, List.of("apt-cache", "policy", KERNEL_PACKAGE));
    for (String line : result.stdout().split("\n")) {
      String l = line.strip();
      if (l.startsWith("Candidate:")) {
        String v = l.substring("Candidate:".length()).strip();
        return v.equals("(none)") ? "" : v;
      }
    }
    return "";
  }

  private static void requireRoot(String what) {
    ProcessResult id = Processes.runChecked(null, List.of("id", "-u"));
    if (!id.stdout().strip().equals("0")) {
      throw new IllegalStateException(
          "the test kit needs root to "
              + what
              + " (running as uid "
              + id.stdout().strip()
              + "); run the integration tests as root, as ./test.sh does");
    }
  }
}
