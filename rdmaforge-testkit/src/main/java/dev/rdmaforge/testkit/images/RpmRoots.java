package dev.rdmaforge.testkit.images;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.modules.ModuleTools;
import dev.rdmaforge.testkit.packages.KmodRpmBuilder;
import dev.rdmaforge.testkit.packages.KsymRequirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An image root whose package manager is rpm, for testing rdmaforge's RPM path ({@code image
 * apply} with {@code rpm --root ROOT --dbpath /var/lib/rpm}) where no RHEL root can be made: the
 * real Debian 12 root of {@link DebianRoots} (kernel {@link #RELEASE}, {@code /bin/sh}, kmod's
 * {@code depmod}), with its dpkg database removed and an rpm database that knows what the root
 * holds, as a RHEL image's database knows its kernel:
 *
 * <ul>
 *   <li>{@code kernel-core-6.1.0-56.amd64}: owns {@code /boot/vmlinuz-RELEASE}, {@code
 *       System.map-RELEASE}, {@code config-RELEASE} and every file and directory of {@code
 *       /lib/modules/RELEASE} (depmod's outputs as {@code %ghost}, as RHEL's kernel.spec lists
 *       them); provides {@code kernel = 6.1.0-56.amd64}, {@code kernel-uname-r = 6.1.0-56.amd64}
 *       (the form the ofed-like kmod packages require) and one {@code kernel(SYM) = 0xCRC} per
 *       export of the kernel's Module.symvers, as RHEL's find-provides.ksyms writes them;
 *   <li>{@code debian-base-12}: owns {@code /bin/sh}, {@code /usr/bin/sh}, {@code /sbin/depmod}
 *       and {@code /usr/sbin/depmod} as the root has them (dash, kmod), what RHEL's bash and kmod
 *       packages give the kmod packages' scriptlets ({@code Requires: /bin/sh}).
 * </ul>
 *
 * Both are built with the real rpmbuild from the root's own files and registered with {@code rpm
 * -i --justdb --nodeps --noscripts}: the files are there already, only the database learns them;
 * {@code rpm -V} then verifies every file (sizes, digests, modes, links), which the build checks.
 * The database is made once and kept in the test kit's cache; each {@link #extract} is a fresh
 * Debian root plus a copy of it:
 *
 * <pre>
 * CACHE/roots/rpm-RELEASE/KEY/rpmdb/              the root's var/lib/rpm (sqlite), as rpm left it
 * CACHE/roots/rpm-RELEASE/KEY/kernel-core.spec    the spec of both packages
 * CACHE/roots/rpm-RELEASE/KEY/build.log           rpmbuild's, rpm's and rpm -V's output
 * </pre>
 *
 * KEY is the SHA-256 (first 16 hex digits) of {@link #FORMAT}, the Debian root's cache key, the
 * headers' Module.symvers and {@code rpm --version}. Needs root, as {@link DebianRoots}.
 *
 * <p>What it is not: a RHEL image. Its user space is Debian's (initramfs-tools, {@code
 * boot/initrd.img-RELEASE}, no dracut, no {@code weak-modules}), its {@code System.map} is
 * Debian's 4 KB stub (so the kmod scriptlets' {@code depmod -aeF} warns about every symbol, and
 * exits 0), and the kernel is Debian's. Package names and versions follow RHEL's kernel-core.
 */
public final class RpmRoots {

  /** The kernel release inside the root. */
  public static final String RELEASE = DebianRoots.RELEASE;

  /** The rpm database directory inside the root, as RHEL has it (and rdmaforge asks rpm). */
  public static final String DBPATH = "/var/lib/rpm";

  /** The package registering the kernel. */
  public static final String KERNEL_PACKAGE = "kernel-core";

  /** The package registering the root's shell and depmod. */
  public static final String BASE_PACKAGE = "debian-base";

  /** Bump when the spec or the steps below change. */
  static final String FORMAT = "1";

  /**
   * depmod's outputs: RHEL's kernel.spec lists them {@code %ghost} (depmod makes them at install),
   * so rpm owns them but neither ships nor verifies their content, which every kmod install
   * changes. Debian's linux-image does not ship them either (its postinst runs depmod).
   */
  private static final Set<String> DEPMOD_OUTPUTS = Set.of("modules.dep", "modules.dep.bin",
      "modules.alias", "modules.alias.bin", "modules.symbols", "modules.symbols.bin",
      "modules.softdep", "modules.devname", "modules.builtin.bin", "modules.builtin.alias.bin",
      "modules.weakdep");

  /** A path rpm's %files takes literally (no glob characters, no spaces). */
  private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9._+/,:@=-]+");

  private static Path database;

  private RpmRoots() {}

  /**
   * A fresh, writable rpm-managed root in {@code into} (created; must be absent or empty): the
   * Debian root extracted, its {@code var/lib/dpkg} removed and the cached rpm database copied to
   * {@code var/lib/rpm}.
   *
   * @return {@code into}
   * @throws IllegalStateException when not run as root, or {@code into} holds files
   */
  public static Path extract(Path into) {
    Path db = database();
    DebianRoots.extract(into);
    try {
      // Without var/lib/dpkg/status rdmaforge's ImageKernels/Owners take the image for an rpm
      // one (dpkg is asked first when both databases exist).
      FileTrees.deleteRecursively(into.resolve("var/lib/dpkg"));
      Path target = Files.createDirectories(into.resolve(DBPATH.substring(1)));
      try (DirectoryStream<Path> files = Files.newDirectoryStream(db)) {
        for (Path f : files) {
          Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not make " + into + " an rpm-managed root", e);
    }
    return into;
  }

  /** The cached {@code var/lib/rpm} of the root (never to be changed), made first if needed. */
  public static synchronized Path database() {
    if (database == null) {
      Path tarball = DebianRoots.tarball();
      Path symvers = Path.of("/usr/src/linux-headers-" + RELEASE, "Module.symvers");
      if (!Files.isRegularFile(symvers)) {
        throw new IllegalStateException(symvers + " is missing: install the headers with"
            + " `apt-get install -y --no-install-recommends linux-headers-" + RELEASE + "` (the"
            + " kernel(SYM) provides come from it), or run ./test.sh");
      }
      Tools.require("rpmbuild", "rpm");
      String rpmVersion = Processes.runChecked(null, List.of(
          Tools.require("rpm", "rpm").toString(), "--version")).stdout().strip();
      String key = key(tarball.getParent().getFileName().toString(), symvers, rpmVersion);
      BuildCache cache = new BuildCache(DebianKernels.cacheDir().resolve("roots"));
      BuildCache.Entry entry = cache.entry("rpm-" + RELEASE, key, dir -> build(symvers, dir));
      database = entry.dir().resolve("rpmdb");
    }
    return database;
  }

  private static void build(Path symvers, Path dir) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work"));
    StringBuilder log = new StringBuilder();
    try {
      Path root = DebianRoots.extract(work.resolve("root"));
      FileTrees.deleteRecursively(root.resolve("var/lib/dpkg"));
      Map<String, String> exports = KsymRequirements.symvers(symvers, null);
      requireSameKernel(root, exports);

      // The package contents are the root's own files, hard-linked (same file system, no copy):
      // rpmbuild records their real sizes, digests and modes, so the database describes the root.
      Path stage = Files.createDirectories(work.resolve("stage"));
      Path modules = root.resolve("usr/lib/modules").resolve(RELEASE);
      Files.createDirectories(stage.resolve("lib/modules"));
      Processes.runChecked(null, List.of("cp", "-al", modules.toString(),
          stage.resolve("lib/modules").toString()));
      Files.createDirectories(stage.resolve("boot"));
      for (String f : bootFiles()) {
        Files.createLink(stage.resolve("boot").resolve(f), root.resolve("boot").resolve(f));
      }
      // The links as the root has them (/bin -> usr/bin: /bin/sh is usr/bin/sh).
      for (String link : List.of("bin/sh", "sbin/depmod")) {
        Path target = Files.readSymbolicLink(root.resolve("usr").resolve(link));
        for (String p : List.of(link, "usr/" + link)) {
          Files.createDirectories(stage.resolve(p).getParent());
          Files.createSymbolicLink(stage.resolve(p), target);
        }
      }

      Path spec = work.resolve("kernel-core.spec");
      Files.writeString(spec, spec(exports, stage), StandardCharsets.UTF_8);
      Files.copy(spec, dir.resolve("kernel-core.spec"));
      rpmbuild(spec, work, log);

      // The database inside the root, as RHEL keeps it; never ~/.rpmdb (Debian's rpm default).
      run(log, List.of("rpm", "--root", root.toString(), "--dbpath", DBPATH, "--initdb"));
      List<String> install = new ArrayList<>(List.of("rpm", "--root", root.toString(),
          "--dbpath", DBPATH, "-i", "--justdb", "--nodeps", "--noscripts"));
      try (Stream<Path> rpms = Files.list(work.resolve("top/RPMS/x86_64"))) {
        rpms.sorted().forEach(p -> install.add(p.toString()));
      }
      run(log, install);
      // Proof that the database describes the root: every file's size, digest, mode, owner and
      // link target as rpm recorded them (ghosts excepted).
      run(log, List.of("rpm", "--root", root.toString(), "--dbpath", DBPATH, "-V",
          KERNEL_PACKAGE, BASE_PACKAGE));

      Path db = Files.createDirectories(dir.resolve("rpmdb"));
      try (DirectoryStream<Path> files = Files.newDirectoryStream(
          root.resolve(DBPATH.substring(1)))) {
        for (Path f : files) {
          // -shm is sqlite's shared-memory index of a database in use: rebuilt on open.
          if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
              && !f.getFileName().toString().endsWith("-shm")) {
            Files.copy(f, db.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    } finally {
      Files.writeString(dir.resolve("build.log"), log, StandardCharsets.UTF_8);
      FileTrees.deleteRecursively(work);
    }
  }

  /**
   * The kernel(SYM) provides must be the root's kernel's: the host's headers and the root's
   * linux-image are separate packages, so compare one CRC every module imports.
   */
  private static void requireSameKernel(Path root, Map<String, String> exports) {
    Path ko = root.resolve("usr/lib/modules").resolve(RELEASE)
        .resolve("kernel/drivers/infiniband/core/ib_core.ko");
    String inModule = ModuleTools.modversions(ko).get("module_layout");
    String inSymvers = exports.get("module_layout");
    if (inModule == null || inSymvers == null
        || !KsymRequirements.crc(inModule).equals(KsymRequirements.crc(inSymvers))) {
      throw new IllegalStateException("the host's linux-headers-" + RELEASE + " (module_layout "
          + inSymvers + ") are not of the root's linux-image-" + RELEASE + " (" + ko + ": "
          + inModule + "); upgrade both to the same version");
    }
  }

  private static List<String> bootFiles() {
    return List.of("vmlinuz-" + RELEASE, "System.map-" + RELEASE, "config-" + RELEASE);
  }

  /** Both packages' spec; %files listed from the staged tree. */
  static String spec(Map<String, String> exports, Path stage) throws IOException {
    String uname = KmodRpmBuilder.unameVersion(RELEASE);
    int dash = uname.indexOf('-');
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(KERNEL_PACKAGE).append('\n');
    s.append("Version: ").append(uname, 0, dash).append('\n');
    s.append("Release: ").append(uname.substring(dash + 1)).append('\n');
    s.append("Summary: Debian's linux-image-").append(RELEASE).append(" as RHEL's kernel-core\n");
    // No generated dependencies: the Provides below are RHEL's, the files need nothing.
    s.append("License: GPL-2.0-only\nBuildArch: x86_64\nAutoReqProv: no\n");
    s.append("Provides: kernel = ").append(uname).append('\n');
    s.append("Provides: kernel-uname-r = ").append(uname).append('\n');
    for (Map.Entry<String, String> e : new TreeMap<>(exports).entrySet()) {
      s.append("Provides: kernel(").append(e.getKey()).append(") = ")
          .append(KsymRequirements.crc(e.getValue())).append('\n');
    }
    s.append("\n%description\nThe kernel ").append(RELEASE).append(" of rdmaforge's Debian 12"
        + " test root, registered with rpm as a RHEL kernel-core.\n");
    s.append("\n%package -n ").append(BASE_PACKAGE).append("\nVersion: 12\nRelease: 1\n");
    s.append("Summary: the Debian root's /bin/sh and depmod as RHEL's bash and kmod own them\n");
    s.append("\n%description -n ").append(BASE_PACKAGE).append("\nThe shell and depmod the kmod"
        + " packages' scriptlets run.\n");
    s.append("\n%install\ncp -al %{_sourcedir}/stage/. %{buildroot}/\n");
    s.append("\n%files\n");
    for (String f : bootFiles()) {
      s.append("/boot/").append(f).append('\n');
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> tree = Files.walk(stage.resolve("lib/modules").resolve(RELEASE))) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        String path = "/" + stage.relativize(p);
        if (!PLAIN_PATH.matcher(path).matches()) {
          throw new IllegalStateException(p + ": a path rpm's %files would not take literally");
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          lines.add("%dir " + path);
        } else if (DEPMOD_OUTPUTS.contains(p.getFileName().toString())) {
          lines.add("%ghost " + path);
        } else {
          lines.add(path);
        }
      }
    }
    lines.sort(null);
    lines.forEach(l -> s.append(l).append('\n'));
    s.append("\n%files -n ").append(BASE_PACKAGE).append('\n');
    s.append("/bin/sh\n/usr/bin/sh\n/sbin/depmod\n/usr/sbin/depmod\n");
    return s.toString();
  }

  /**
   * rpmbuild with an uncompressed payload: the package (400 MB) is only read back by {@code
   * --justdb} and deleted, so compressing it would only cost time (RpmBuild's payloads are for
   * packages that are kept).
   */
  private static void rpmbuild(Path spec, Path work, StringBuilder log) {
    run(log, List.of(Tools.require("rpmbuild", "rpm").toString(), "-bb",
        "--define", "_topdir " + work.resolve("top"),
        "--define", "_sourcedir " + work,
        "--define", "_binary_payload w0.ufdio",
        "--define", "_binary_filedigest_algorithm 8",
        "--define", "_build_id_links none",
        "--define", "__os_install_post %{nil}",
        "--define", "debug_package %{nil}",
        spec.toString()));
  }

  private static void run(StringBuilder log, List<String> command) {
    ProcessResult r = Processes.run(null, command);
    String out = r.describe();
    log.append(out.length() > 20_000 ? out.substring(0, 20_000) + "\n[...]" : out).append('\n');
    if (r.exitCode() != 0) {
      throw new IllegalStateException("making the rpm-managed test root failed:\n"
          + (out.length() > 4000 ? out.substring(0, 4000) + "\n[...]" : out));
    }
  }

  private static String key(String debianRootKey, Path symvers, String rpmVersion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("format " + FORMAT + "\nroot " + debianRootKey + "\n" + rpmVersion + "\n")
          .getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(symvers));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + symvers, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
