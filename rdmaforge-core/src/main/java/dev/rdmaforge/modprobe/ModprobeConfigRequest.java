package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.tree.TreeView;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to read: configuration paths (directories or files), how to see the filesystem, the module
 * directory whose modules.softdep is read, and the kernel command line.
 *
 * <p>kmod's own {@code modprobe -d ROOT -S KVER} reads the host's modprobe.d directories (or the
 * {@code -C} paths) and {@code ROOT/lib/modules/KVER}: use {@link TreeView#host()} with {@link
 * #DEFAULT_PATHS} or the {@code -C} paths and {@code ROOT/lib/modules/KVER}. An image root as its
 * booted system sees it: {@link TreeView#chroot} with {@link #DEFAULT_PATHS} and {@code
 * /lib/modules/KVER}.
 *
 * @param configPaths the paths in kmod's order ({@link #DEFAULT_PATHS}, or the {@code -C} values)
 * @param view how paths are resolved
 * @param moduleDirectory kmod's module directory, as a path of {@code view}
 * @param kernelCommandLine the kernel command line kmod would read from /proc/cmdline; empty when
 *     there is none to read
 * @param modulesSoftdep the module directory's modules.softdep as depmod would write it now, read
 *     instead of the file there (which may be stale or not written yet); empty to read the file
 */
public record ModprobeConfigRequest(
    List<String> configPaths,
    TreeView view,
    String moduleDirectory,
    Optional<String> kernelCommandLine,
    Optional<byte[]> modulesSoftdep) {

  /** kmod 30's default configuration paths, in order (Debian builds it with SYSCONFDIR /etc). */
  public static final List<String> DEFAULT_PATHS =
      List.of("/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/lib/modprobe.d");

  public ModprobeConfigRequest {
    configPaths = List.copyOf(configPaths);
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(moduleDirectory, "moduleDirectory");
    Objects.requireNonNull(kernelCommandLine, "kernelCommandLine");
    Objects.requireNonNull(modulesSoftdep, "modulesSoftdep");
  }

  /** A request that reads the module directory's own modules.softdep. */
  public ModprobeConfigRequest(
      List<String> configPaths,
      TreeView view,
      String moduleDirectory,
      Optional<String> kernelCommandLine) {
    this(configPaths, view, moduleDirectory, kernelCommandLine, Optional.empty());
  }

  /** The same request with modules.softdep given as {@code content} instead of read. */
  public ModprobeConfigRequest withModulesSoftdep(byte[] content) {
    return new ModprobeConfigRequest(
        configPaths, view, moduleDirectory, kernelCommandLine, Optional.of(content));
  }

  /** The path of the module directory's modules.softdep, as kmod names it. */
  String modulesSoftdepPath() {
    return moduleDirectory + "/modules.softdep";
  }

  /** An image root's own configuration and kernel {@code release}, no kernel command line. */
  public static ModprobeConfigRequest imageRoot(Path root, String release) {
    return new ModprobeConfigRequest(
        DEFAULT_PATHS, TreeView.chroot(root), "/lib/modules/" + release, Optional.empty());
  }
}
