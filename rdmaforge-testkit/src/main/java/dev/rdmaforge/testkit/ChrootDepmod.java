package dev.rdmaforge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the host's depmod inside an image root with {@code chroot}, which shows what the image's own
 * booted system would compute: its {@code /etc/depmod.d}, {@code /lib/depmod.d}, absolute {@code
 * external} paths and absolute symbolic links all resolve inside the root.
 *
 * <p>{@link #prepare} copies the host's {@code kmod} binary to {@code ROOT/.rdmaforge-host-kmod/}
 * (a directory depmod never reads) with a {@code depmod} link, and the shared libraries {@code ldd}
 * lists to the same absolute paths inside the root. Needs root privileges for {@code chroot}.
 */
public final class ChrootDepmod {

  /** Where the host's kmod is placed inside the root. */
  public static final String TOOL_DIR = ".rdmaforge-host-kmod";

  private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private ChrootDepmod() {}

  /** Makes {@code chroot root /.rdmaforge-host-kmod/depmod} work. Idempotent. */
  public static void prepare(Path root) {
    Path kmod = realPath(RealDepmod.binary());
    try {
      Path toolDir = Files.createDirectories(root.resolve(TOOL_DIR));
      Files.copy(
          kmod,
          toolDir.resolve("kmod"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
      Path link = toolDir.resolve("depmod");
      Files.deleteIfExists(link);
      // kmod is a multi-call binary: it acts as depmod when argv[0]'s basename is "depmod".
      Files.createSymbolicLink(link, Path.of("kmod"));
      for (Path library : sharedLibraries(kmod)) {
        Path inRoot = insideRoot(root, library);
        Files.createDirectories(inRoot.getParent());
        Files.copy(
            realPath(library),
            inRoot,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + root + " for chroot: " + e, e);
    }
  }

  /** Runs {@code chroot root depmod args...} ({@link #prepare} first). */
  public static ProcessResult run(Path root, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Tools.require("chroot", "coreutils", Path.of("/usr/sbin/chroot")).toString());
    command.add(root.toAbsolutePath().toString());
    command.add("/" + TOOL_DIR + "/depmod");
    command.addAll(args);
    return Processes.run(null, command);
  }

  /** Runs {@code chroot root depmod args...}. */
  public static ProcessResult run(Path root, String... args) {
    return run(root, List.of(args));
  }

  /** The absolute library paths (and the loader) {@code ldd binary} names. */
  static List<Path> sharedLibraries(Path binary) {
    ProcessResult ldd = Processes.runChecked(null, List.of("ldd", binary.toString()));
    List<Path> libraries = new ArrayList<>();
    for (String line : ldd.stdout().split("\n")) {
      Matcher m = LDD_PATH.matcher(line);
      if (m.find()) {
        libraries.add(Path.of(m.group(1)));
      }
    }
    return libraries;
  }

  /**
   * {@code absolute} placed under {@code root}, refusing paths whose parent resolves outside the
   * root (an absolute symbolic link such as {@code lib -> /usr/lib} would write to the host).
   */
  private static Path insideRoot(Path root, Path absolute) throws IOException {
    Path inRoot = root.resolve(absolute.toString().substring(1));
    Path parent = inRoot.getParent();
    Files.createDirectories(parent);
    if (!parent.toRealPath().startsWith(root.toRealPath())) {
      throw new IllegalStateException(
          parent + " resolves outside the root " + root + "; make its links relative");
    }
    return inRoot;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
