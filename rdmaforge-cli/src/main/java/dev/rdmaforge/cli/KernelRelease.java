package dev.rdmaforge.cli;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Kernel release strings: kmod's sanity check, the running kernel, the kernel of an image. */
final class KernelRelease {
  private KernelRelease() {}

  /** kmod's is_version_number: {@code sscanf(v, "%u.%u") == 2}. */
  static boolean isVersionNumber(String v) {
    int i = skipNumber(v, 0);
    if (i < 0 || i >= v.length() || v.charAt(i) != '.') {
      return false;
    }
    return skipNumber(v, i + 1) >= 0;
  }

  private static int skipNumber(String v, int i) {
    while (i < v.length() && Character.isWhitespace(v.charAt(i))) {
      i++;
    }
    if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
      i++;
    }
    int start = i;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    return i > start ? i : -1;
  }

  /** The running kernel's release, as uname(2) gives it. */
  static String running() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
    } catch (IOException e) {
      return System.getProperty("os.version");
    }
  }

  /** The one kernel an image root holds; otherwise an error naming what to pass. */
  static String onlyKernelIn(Path root) {
    List<String> found = new ArrayList<>();
    for (String dir : new String[] {"lib/modules", "usr/lib/modules"}) {
      Path p = root.resolve(dir);
      if (!Files.isDirectory(p)) {
        continue;
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
        for (Path k : s) {
          String name = k.getFileName().toString();
          if (Files.isDirectory(k) && !found.contains(name)) {
            found.add(name);
          }
        }
      } catch (IOException e) {
        throw new UserInputException(p + ": cannot list kernels: " + e.getMessage());
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    throw new UserInputException(
        root + ": " + (found.isEmpty() ? "holds no lib/modules/KVER directory" : "holds kernels "
            + found) + "; name the kernel release as the argument after the options");
  }
}
