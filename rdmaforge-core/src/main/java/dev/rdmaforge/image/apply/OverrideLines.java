package dev.rdmaforge.image.apply;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodFailure;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The depmod.d lines that make the stack's modules win in the image, computed from the image's own
 * resolution (its depmod.d files, as {@code chroot ROOT depmod} reads them), not written by hand:
 * for each module name of the stack whose winner is another file (an in-tree module in a
 * directory that ranks higher, another vendor's {@code extra/} copy with its own override), one
 * {@code override NAME RELEASE DIR} line naming the stack's directory. They go into {@link #FILE},
 * which sorts after MLNX_OFED's {@code zz01}/{@code zz02} files: kmod consults the override read
 * last first, so it decides. The caller resolves again with the file in place to prove it.
 */
final class OverrideLines {
  /** The file, relative to the root. */
  static final String FILE = "etc/depmod.d/zz99-rdmaforge-stack.conf";

  private OverrideLines() {}

  /** The resolution of {@code release} in {@code root} as the image's own depmod sees it. */
  static Resolution resolve(Path root, String release) {
    try {
      return Depmod.create().resolve(DepmodRequest.chroot(root, release), DepmodLog.discard());
    } catch (DepmodFailure e) {
      throw new ApplyFailure("depmod cannot resolve " + release + " in " + root + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Names of the stack whose winner is not the stack's file, with the winner's path.
   *
   * @param stackPaths module name to the stack's file, relative to {@code lib/modules/RELEASE}
   */
  static Map<String, String> losers(Resolution resolution, Map<String, String> stackPaths) {
    Map<String, String> out = new TreeMap<>();
    stackPaths.forEach((name, path) -> {
      Optional<DepmodModule> winner = resolution.module(name);
      String won = winner.map(DepmodModule::outputPath).orElse("(none)");
      if (!won.equals(path)) {
        out.put(name, won);
      }
    });
    return out;
  }

  /** The lines for the losing names, sorted by name: {@code override NAME RELEASE DIR}. */
  static List<String> lines(Map<String, String> losers, Map<String, String> stackPaths,
      String release) {
    List<String> out = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(losers.keySet())) {
      String path = stackPaths.get(name);
      int slash = path.lastIndexOf('/');
      out.add("override " + name + " " + release + " " + (slash > 0 ? path.substring(0, slash)
          : "."));
    }
    return out;
  }
}
