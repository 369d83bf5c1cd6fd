package dev.rdmaforge.kernel.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code module_sig_check} and the taint that follows make of a {@link SignatureVerdict}
 * under a {@link SignaturePolicy}.
 *
 * @param passes whether loading goes on past the signature check (other checks may still fail)
 * @param errno the error {@code init_module} returns when it does not pass
 * @param kernelMessages the kernel log lines, in order, without the timestamp: the verifier's own
 *     warning (e.g. {@code "PKCS7: Invalid module sig (has authattrs)"}), then {@code "Loading of
 *     unsigned module is rejected"} or the lockdown notice; for a module that passes unsigned, the
 *     once-per-boot {@code "<module>: module verification failed: signature and/or required key
 *     missing - tainting kernel"}, which the kernel prints only after the module_layout and
 *     vermagic checks have passed and before symbols are resolved
 * @param taintsUnsigned whether a module that loads sets taint E ({@code TAINT_UNSIGNED_MODULE},
 *     8192)
 */
public record SignatureDecision(
    boolean passes, Optional<KernelErrno> errno, List<String> kernelMessages,
    boolean taintsUnsigned) {

  /** Copies the list and checks for nulls. */
  public SignatureDecision {
    Objects.requireNonNull(errno, "errno");
    kernelMessages = List.copyOf(kernelMessages);
  }
}
