package dev.rdmaforge.testkit.judge;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs of the initramfs: busybox (the shell and small tools of {@code /init}) in {@code
 * /bin}, the host's own kmod in {@code /kbin} (so the guest's modprobe is the same build that
 * {@code rdmaforge} is compared with), and the shared libraries {@code ldd} names for both, at the
 * same absolute paths.
 */
final class GuestTools {

  /**
   * The busybox applets {@code /init} uses, and {@code true} and {@code false} for the install
   * lines of modprobe.d that scenarios carry (modprobe runs them with {@code /bin/sh -c}).
   */
  static final List<String> APPLETS =
      List.of(
          "sh", "mount", "dmesg", "cat", "echo", "grep", "poweroff", "sleep", "true", "false",
          "ln", "mkdir");

  /** The kmod personalities {@code /init} uses. */
  static final List<String> KMOD_TOOLS = List.of("modprobe", "rmmod");

  private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private GuestTools() {}

  /** Places the tools below {@code initrd}. */
  static void install(Path initrd) {
    Path busybox =
        Tools.require(
            "busybox", "busybox-static", Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));
    Path kmod = Tools.require("kmod", "kmod", Path.of("/bin/kmod"), Path.of("/usr/bin/kmod"));
    try {
      place(busybox, initrd.resolve("bin/busybox"));
      for (String applet : APPLETS) {
        Files.createSymbolicLink(initrd.resolve("bin").resolve(applet), Path.of("busybox"));
      }
      place(kmod, initrd.resolve("kbin/kmod"));
      for (String tool : KMOD_TOOLS) {
        // kmod is a multi-call binary: argv[0]'s basename picks the tool.
        Files.createSymbolicLink(initrd.resolve("kbin").resolve(tool), Path.of("kmod"));
      }
      Set<Path> libraries = new LinkedHashSet<>(sharedLibraries(busybox));
      libraries.addAll(sharedLibraries(kmod));
      for (Path library : libraries) {
        place(library, initrd.resolve(library.toString().substring(1)));
      }
      for (String dir : List.of("proc", "sys", "dev", "etc", "lib", "sbin")) {
        Files.createDirectories(initrd.resolve(dir));
      }
      // Install lines run "/sbin/modprobe ..." with modprobe's defaults (/etc/modprobe.d,
      // /lib/modules): /init points those at the scenario being judged.
      Files.createSymbolicLink(initrd.resolve("sbin/modprobe"), Path.of("/kbin/kmod"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not place the guest's tools in " + initrd, e);
    }
  }

  private static void place(Path hostFile, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.copy(hostFile.toRealPath(), target, StandardCopyOption.COPY_ATTRIBUTES);
  }

  /** The absolute library paths (and the loader) {@code ldd} names; none for a static binary. */
  private static List<Path> sharedLibraries(Path binary) {
    ProcessResult ldd = Processes.run(null, List.of("ldd", binary.toString()));
    List<Path> libraries = new ArrayList<>();
    for (String line : ldd.stdout().split("\n")) {
      Matcher m = LDD_PATH.matcher(line);
      if (m.find()) {
        libraries.add(Path.of(m.group(1)));
      }
    }
    return libraries;
  }
}
