package dev.rdmaforge.check;

import dev.rdmaforge.kernel.KernelExport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The kernel a module is loaded into, as far as its module loader is concerned.
 *
 * @param release the kernel release, e.g. {@code 6.1.0-56-amd64}
 * @param vermagic the kernel's version magic string (with its trailing space)
 * @param exports the symbols the kernel image itself exports (Module.symvers lines of {@code
 *     vmlinux}), by name
 * @param builtin the module names built into the kernel ({@code modules.builtin})
 * @param signaturesEnforced {@code module.sig_enforce=1} or {@code CONFIG_MODULE_SIG_FORCE=y}
 * @param forceLoadAllowed {@code CONFIG_MODULE_FORCE_LOAD}: a module without version information
 *     loads with the F taint instead of being refused
 * @param signatures judges signatures against the kernel's trusted keys
 * @param sources one line per input: where each fact came from, for the report
 */
public record TargetKernel(
    String release,
    String vermagic,
    Map<String, KernelExport> exports,
    Set<String> builtin,
    boolean signaturesEnforced,
    boolean forceLoadAllowed,
    SignatureChecker signatures,
    List<String> sources) {

  /** Copies the collections; everything required. */
  public TargetKernel {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(vermagic, "vermagic");
    Objects.requireNonNull(signatures, "signatures");
    exports = Map.copyOf(exports);
    builtin = Set.copyOf(builtin);
    sources = List.copyOf(sources);
  }
}
