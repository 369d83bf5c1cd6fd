package dev.rdmaforge.kabi;

import dev.rdmaforge.kmod.ModuleFile;
import java.nio.file.Path;

/**
 * A module file a kmod package ships.
 *
 * @param name the module name as the kernel knows it
 * @param packagePath where the package installs it, e.g. {@code
 *     lib/modules/6.1.0-47-amd64/extra/rdmaforge/consumer.ko}
 * @param release the kernel release of its module directory
 * @param subPath its path below {@code lib/modules/RELEASE}, e.g. {@code extra/rdmaforge/consumer.ko}
 * @param extracted the file extracted for this run
 * @param facts what the file says (modinfo, imports, {@code __versions}, exports)
 */
public record PackagedModule(
    String name, String packagePath, String release, String subPath, Path extracted,
    ModuleFile facts) {

  /**
   * Where it lives in kernel {@code target}'s tree: its own path when built for that kernel, else
   * the {@code weak-updates/} link RHEL's weak-modules makes (the path below the first directory,
   * {@code extra/rdmaforge/consumer.ko} becoming {@code weak-updates/rdmaforge/consumer.ko}).
   */
  String placement(String target) {
    if (release.equals(target)) {
      return subPath;
    }
    int slash = subPath.indexOf('/');
    return "weak-updates/" + (slash < 0 ? subPath : subPath.substring(slash + 1));
  }
}
