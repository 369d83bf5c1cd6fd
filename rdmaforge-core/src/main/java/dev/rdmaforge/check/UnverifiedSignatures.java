package dev.rdmaforge.check;


/**
 * Signature judgement when no trusted key is known (no kernel image, no certificate): a module
 * without the marker is unsigned; a signed one is taken as the kernel's own, which is what a
 * distribution kernel's in-tree modules are. The report says that signatures were not verified.
 */
final class UnverifiedSignatures implements SignatureChecker {

  @Override
  public SignatureVerdict check(CheckedModule module) {
    if (!module.facts().signatureMarker()) {
      return new SignatureVerdict(SignatureOutcome.UNSIGNED, "", "no signature appended");
    }
    String signer = module.facts().signature().map(SignedContent::signer).orElse("");
    return new SignatureVerdict(SignatureOutcome.VALID, signer, "not verified: no trusted keys");
  }
}
