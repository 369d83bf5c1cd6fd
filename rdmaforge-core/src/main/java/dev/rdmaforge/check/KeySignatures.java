package dev.rdmaforge.check;

import dev.rdmaforge.kernel.keys.ModuleSignatureVerifier;
import dev.rdmaforge.kernel.keys.SignedContentDigest;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import java.util.Optional;

/** Signatures verified cryptographically against the kernel's trusted keys. */
final class KeySignatures implements SignatureChecker {
  private final ModuleSignatureVerifier verifier;
  private final TrustedKeys keys;

  KeySignatures(ModuleSignatureVerifier verifier, TrustedKeys keys) {
    this.verifier = verifier;
    this.keys = keys;
  }

  @Override
  public SignatureVerdict check(CheckedModule module) {
    Optional<SignedContentDigest> digest = module.facts().signature();
    if (digest.isEmpty()) {
      return new SignatureVerdict(SignatureOutcome.UNSIGNED, "", "no signature appended");
    }
    return translate(verifier.verify(digest.get(), keys));
  }

  static SignatureVerdict translate(dev.rdmaforge.kernel.keys.SignatureVerdict v) {
    SignatureOutcome outcome = SignatureOutcome.valueOf(v.outcome().name());
    return new SignatureVerdict(outcome, v.signer(), v.detail());
  }
}
