package dev.rdmaforge.check;

import dev.rdmaforge.kernel.keys.SignedContentDigest;
import java.util.Optional;

/**
 * Signature judgement when no trusted key is known (no kernel image, no certificate): what can be
 * decided without keys (unsigned, malformed, unsupported) is decided; a well-formed signature is
 * taken as the kernel's own, which is what a distribution kernel's in-tree modules carry. The
 * report says that signatures were not verified. Verdicts are remembered with the module's cached
 * facts, as {@link KeySignatures} does.
 */
final class UnverifiedSignatures implements SignatureChecker {
  private static final byte[] NO_KEYS = KeySignatures.noKeysName("unverified");

  @Override
  public SignatureVerdict check(CheckedModule module) {
    ModuleFacts facts = module.facts();
    SignatureVerdict remembered = facts.rememberedVerdict(NO_KEYS);
    if (remembered != null) {
      return remembered;
    }
    SignatureVerdict verdict = judge(facts.signature());
    facts.rememberVerdict(NO_KEYS, verdict);
    return verdict;
  }

  private static SignatureVerdict judge(Optional<SignedContentDigest> digest) {
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
