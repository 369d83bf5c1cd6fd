package dev.rdmaforge.kabi;

import dev.rdmaforge.kernel.KernelExport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One column of the matrix: a kernel and what is known about it.
 *
 * @param input the argument as given
 * @param release the kernel release
 * @param kind what the input is
 * @param exports every symbol the kernel exports, vmlinux and its own modules, as Module.symvers
 *     lists them
 * @param modules the names of the kernel's own loadable modules (from the tree or the symvers)
 * @param vermagic the kernel's version magic, or null when the input does not tell it
 * @param forceLoadAllowed {@code CONFIG_MODULE_FORCE_LOAD} (assumed on without a configuration)
 * @param root for a kernel package, its extracted tree (lib/modules, boot) in the cache; else null
 * @param symvers a Module.symvers holding {@link #exports} (derived for a kernel package)
 * @param rpmProvides the kernel package's own {@code kernel(sym) = CRC} provides, or null to derive
 *     them from the exports as RHEL's find-provides does
 * @param limits what cannot be decided for this kernel, one sentence each
 */
public record KabiKernel(
    String input,
    String release,
    KernelKind kind,
    Map<String, KernelExport> exports,
    Set<String> modules,
    String vermagic,
    boolean forceLoadAllowed,
    Path root,
    Path symvers,
    List<dev.rdmaforge.pkg.PackageRelation> rpmProvides,
    List<String> limits) {

  /** Freezes the collections. */
  public KabiKernel {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(kind, "kind");
    exports = Map.copyOf(exports);
    modules = Set.copyOf(modules);
    rpmProvides = rpmProvides == null ? null : List.copyOf(rpmProvides);
    limits = List.copyOf(limits);
  }
}
