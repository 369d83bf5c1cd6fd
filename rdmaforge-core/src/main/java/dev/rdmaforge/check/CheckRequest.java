package dev.rdmaforge.check;

import dev.rdmaforge.kernel.ParameterType;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to check.
 *
 * @param root the image root (holds {@code lib/modules/KVER}, {@code etc/depmod.d}, {@code
 *     etc/modprobe.d})
 * @param kernelRelease the target kernel release
 * @param symvers the kernel's Module.symvers or symvers-KVER.gz on the host; null to find it in
 *     the root
 * @param kernelImage the kernel's vmlinuz on the host, for its trusted keys; null to use {@code
 *     ROOT/boot/vmlinuz-KVER} when present
 * @param trustedCerts extra certificates (files or directories) the kernel trusts: MOK, secondary
 * @param sigEnforce true for {@code module.sig_enforce=1}; false to follow the kernel's config
 *     ({@code CONFIG_MODULE_SIG_FORCE})
 * @param depmodConfig depmod.d files or directories on the host to use instead of the image's own;
 *     null for the image's
 * @param modules the module names to load; empty for every module of the tree
 * @param kernelCommandLine the target's kernel command line as /proc/cmdline will hold it, or null
 *     when not known: modprobe reads its {@code modprobe.blacklist=} and {@code MODULE.PARAM=}
 *     words, and {@code module.sig_enforce=1} enforces signatures
 */
public record CheckRequest(
    Path root,
    String kernelRelease,
    Path symvers,
    Path kernelImage,
    List<Path> trustedCerts,
    boolean sigEnforce,
    List<String> depmodConfig,
    List<String> modules,
    String kernelCommandLine) {

  /** Copies the lists; root and release required; the command line may enforce signatures. */
  public CheckRequest {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(kernelRelease, "kernelRelease");
    trustedCerts = List.copyOf(trustedCerts);
    depmodConfig = depmodConfig == null ? null : List.copyOf(depmodConfig);
    modules = List.copyOf(modules);
    sigEnforce = sigEnforce || enforcesSignatures(kernelCommandLine);
  }

  /** A request without a kernel command line. */
  public CheckRequest(Path root, String kernelRelease, Path symvers, Path kernelImage,
      List<Path> trustedCerts, boolean sigEnforce, List<String> depmodConfig,
      List<String> modules) {
    this(root, kernelRelease, symvers, kernelImage, trustedCerts, sigEnforce, depmodConfig,
        modules, null);
  }

  /**
   * Whether {@code module.sig_enforce} is set on the command line: a bool parameter that can only
   * be switched on ({@code param_set_bool_enable_only}); the last word wins, as the kernel parses
   * them in order, and a bare name means true.
   */
  static boolean enforcesSignatures(String commandLine) {
    if (commandLine == null) {
      return false;
    }
    boolean on = false;
    for (String[] word : ModuleParameters.words(commandLine)) {
      if (word[0].replace('-', '_').equals("module.sig_enforce")) {
        // Once on it stays on: switching it off is refused (-EROFS).
        on |= word[1] == null || ParameterType.kstrtobool(word[1]).orElse(false);
      }
    }
    return on;
  }

  /** Every module of {@code root}'s tree for {@code kernelRelease}, inputs found in the root. */
  public static CheckRequest all(Path root, String kernelRelease) {
    return new CheckRequest(root, kernelRelease, null, null, List.of(), false, null, List.of());
  }

  /** Whether every module of the tree is checked. */
  public boolean all() {
    return modules.isEmpty();
  }
}
