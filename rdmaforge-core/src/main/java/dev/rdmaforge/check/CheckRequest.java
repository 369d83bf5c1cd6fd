package dev.rdmaforge.check;

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
 */
public record CheckRequest(
    Path root,
    String kernelRelease,
    Path symvers,
    Path kernelImage,
    List<Path> trustedCerts,
    boolean sigEnforce,
    List<String> depmodConfig,
    List<String> modules) {

  /** Copies the lists; root and release required. */
  public CheckRequest {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(kernelRelease, "kernelRelease");
    trustedCerts = List.copyOf(trustedCerts);
    depmodConfig = depmodConfig == null ? null : List.copyOf(depmodConfig);
    modules = List.copyOf(modules);
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
