package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.tree.TreeView;
import java.util.List;

/**
 * What to run depmod on, with kmod's options.
 *
 * @param kernelRelease the kernel release (KVER)
 * @param baseDir kmod's {@code -b}: the prefix of {@code /lib/modules/KVER} as depmod prints it
 *     ("" for none); for a chroot view this is "" and {@link #view()} does the mapping
 * @param view how paths and symlinks resolve (host for {@code -b}, chroot for {@code --root})
 * @param configView how configuration paths resolve (usually {@code view}; the host when a
 *     chroot view is given configuration files from outside the image)
 * @param configPaths kmod's {@code -C} paths, or null for the default directories
 * @param symvers kmod's {@code -E}: a Module.symvers path, or null
 * @param systemMap kmod's {@code -F}: a System.map path, or null
 * @param errsyms kmod's {@code -e}: report unknown symbols and version disagreements
 * @param warnDuplicates kmod's {@code -w}
 * @param symbolPrefix kmod's {@code -P}, or '\0'
 * @param modulePaths module files named on the command line; empty for {@code -a}
 * @param dryRun kmod's {@code -n}: text files to the output stream, nothing written
 */
public record DepmodRequest(
    String kernelRelease,
    String baseDir,
    TreeView view,
    TreeView configView,
    List<String> configPaths,
    String symvers,
    String systemMap,
    boolean errsyms,
    boolean warnDuplicates,
    char symbolPrefix,
    List<String> modulePaths,
    boolean dryRun) {

  public DepmodRequest {
    modulePaths = List.copyOf(modulePaths);
    configPaths = configPaths == null ? null : List.copyOf(configPaths);
  }

  /** A plain {@code depmod -a -b BASEDIR KVER} with the host's default configuration. */
  public static DepmodRequest all(String baseDir, String kernelRelease) {
    return new DepmodRequest(
        kernelRelease, baseDir, TreeView.host(), TreeView.host(), null, null, null, false, false, '\0', List.of(),
        false);
  }

  /** The module directory as depmod names it: {@code BASEDIR/lib/modules/KVER}. */
  public String dirname() {
    return baseDir + "/lib/modules/" + kernelRelease;
  }

  /** Whether depmod scans the whole tree (no module paths given). */
  public boolean all() {
    return modulePaths.isEmpty();
  }

  /** The image at {@code root} as its own booted system sees it ({@code chroot ROOT depmod}). */
  public static DepmodRequest chroot(java.nio.file.Path root, String kernelRelease) {
    TreeView view = TreeView.chroot(root);
    return new DepmodRequest(
        kernelRelease, "", view, view, null, null, null, false, false, '\0', List.of(), false);
  }

  /** The same request with other configuration paths, resolved by {@code pathsView}. */
  public DepmodRequest withConfigPaths(List<String> paths, TreeView pathsView) {
    return new DepmodRequest(
        kernelRelease, baseDir, view, pathsView, paths, symvers, systemMap, errsyms, warnDuplicates,
        symbolPrefix, modulePaths, dryRun);
  }
}
