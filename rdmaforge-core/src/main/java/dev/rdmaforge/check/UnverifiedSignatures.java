package dev.rdmaforge.check;

import dev.rdmaforge.kernel.keys.SignedContentDigest;
import java.util.Optional;

/**
 * Signature judgement when no trusted key is known (no kernel image, no certificate): what can be
 * decided without keys (unsigned, malformed, unsupported) is decided; a well-formed signature is
 * taken as the kernel's own, which is what a distribution kernel's in-tree modules carry. The
 * report says that signatures were not verified.
 */
final class UnverifiedSignatures implements SignatureChecker {

  @Override
  public SignatureVerdict check(CheckedModule module) {
    Optional<SignedContentDigest> digest = module.facts().signature();
    if (digest.isEmpty()) {
      return new SignatureVerdict(SignatureOutcome.UNSIGNED, "", "no signature appended");
    }
    Optional<dev.rdmaforge.kernel.keys.SignatureVerdict> early = digest.get().verdictWithoutKeys();
    if (early.isPresent()) {
      return KeySignatures.translate(early.get());
    }
    return new SignatureVerdict(SignatureOutcome.VALID, "", "not verified: no trusted keys given");
  }
}
