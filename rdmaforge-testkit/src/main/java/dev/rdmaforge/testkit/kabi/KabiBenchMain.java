package dev.rdmaforge.testkit.kabi;

import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.packages.DebianKernelDebs;
import java.nio.file.Path;
import java.util.List;

/**
 * The inputs of {@code bench/kabi.sh}, made or taken from the test kit's cache. Arguments: the
 * number of modules per ABI, then the kernel releases. Prints, tab-separated, one {@code kernel
 * RELEASE IMAGE_DEB PROVIDES_RPM} line per release and one {@code package RPM} line per kmod
 * package: {@code count} packages for each of the oldest and newest 6.1 ABIs (whose headers are
 * installed to compile against).
 */
public final class KabiBenchMain {
  private KabiBenchMain() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    for (int i = 1; i < args.length; i++) {
      String release = args[i];
      System.out.println("kernel\t" + release + "\t" + DebianKernelDebs.image(release) + "\t"
          + KernelProvidesRpm.forRelease(release));
    }
    for (String release : List.of(DebianKernels.selection().oldest61(),
        DebianKernels.selection().newest61())) {
      for (Path rpm : BenchKmodRpms.forRelease(release, count)) {
        System.out.println("package\t" + rpm);
      }
    }
  }
}
