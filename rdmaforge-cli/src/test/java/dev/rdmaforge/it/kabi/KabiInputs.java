package dev.rdmaforge.it.kabi;

import dev.rdmaforge.kernel.KernelExport;
import dev.rdmaforge.kernel.SymversFile;
import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.packages.BuiltPackages;
import dev.rdmaforge.testkit.packages.KmodPackage;
import dev.rdmaforge.testkit.packages.KmodPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real inputs of the kABI tests: the test kit's kmod packages (RPM and DEB) of the oldest and
 * newest 6.1 ABIs, copied into one directory per ABI and format (their file names are the same
 * for both ABIs), and the 6.1 ABI just before the newest whose kernel ABI is the newest's (same
 * {@code module_layout}): a package of the newest ABI is what RHEL's weak-modules links into that
 * kernel.
 */
final class KabiInputs {
  private KabiInputs() {}

  /** {@code pkg}'s RPM ({@code rpm = true}) or DEB for {@code kernel}, copied below {@code dir}. */
  static Path copy(DebianKernel kernel, KmodPackage pkg, boolean rpm, Path dir)
      throws IOException {
    BuiltPackages built = KmodPackages.forKernel(kernel);
    Path file = rpm ? built.rpm(pkg) : built.deb(pkg);
    Path target = Files.createDirectories(
        dir.resolve((rpm ? "rpm-" : "deb-") + kernel.release())).resolve(file.getFileName());
    if (!Files.exists(target)) {
      Files.copy(file, target);
    }
    return target;
  }

  /** Every kmod package of both ABIs, both formats. */
  static List<Path> all(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (DebianKernel k : List.of(DebianKernels.oldest61(), DebianKernels.newest61())) {
      for (KmodPackage p : KmodPackage.values()) {
        files.add(copy(k, p, true, dir));
        files.add(copy(k, p, false, dir));
      }
    }
    return files;
  }

  /**
   * The release before the newest 6.1 ABI when its headers' exports are the newest's to the CRC
   * (Debian's 6.1.0-55 and -56 are both 6.1.192), else null.
   */
  static String sameAbiAsNewest() {
    String newest = DebianKernels.newest61().release();
    Matcher m = Pattern.compile("6\\.1\\.0-(\\d+)-amd64").matcher(newest);
    if (!m.matches()) {
      return null;
    }
    String before = "6.1.0-" + (Integer.parseInt(m.group(1)) - 1) + "-amd64";
    try {
      Map<String, KernelExport> a = SymversFile.read(DebianKernels.newest61().requireSymvers());
      Map<String, KernelExport> b = SymversFile.read(DebianKernels.headersSymvers(before));
      for (KernelExport e : a.values()) {
        KernelExport o = b.get(e.name());
        if (o == null || o.crc() != e.crc()) {
          return null;
        }
      }
      return before;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
