package dev.rdmaforge.check;

import dev.rdmaforge.kernel.keys.ModuleSignatureVerifier;
import dev.rdmaforge.kernel.keys.SignedContentDigest;
import dev.rdmaforge.kernel.keys.TrustedKey;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Signatures verified cryptographically against the kernel's trusted keys. A verdict is remembered
 * with the module's cached facts under a name for the trusted keys (a SHA-256 of each key's
 * certificate and origin, which the verdict's words mention), so a warm run over an unchanged
 * file with the same keys neither decodes its signature nor verifies it again.
 */
final class KeySignatures implements SignatureChecker {
  /** Bump when the verdict for the same module and keys could change: old verdicts are ignored. */
  private static final String VERDICT_RULES = "rdmaforge signature verdicts 1";

  private final ModuleSignatureVerifier verifier;
  private final TrustedKeys keys;
  private final byte[] keySet;

  KeySignatures(ModuleSignatureVerifier verifier, TrustedKeys keys) {
    this.verifier = verifier;
    this.keys = keys;
    this.keySet = keySetName(keys);
  }

  @Override
  public SignatureVerdict check(CheckedModule module) {
    ModuleFacts facts = module.facts();
    SignatureVerdict remembered = facts.rememberedVerdict(keySet);
    if (remembered != null) {
      return remembered;
    }
    Optional<SignedContentDigest> digest = facts.signature();
    SignatureVerdict verdict = digest.isEmpty()
        ? new SignatureVerdict(SignatureOutcome.UNSIGNED, "", "no signature appended")
        : translate(verifier.verify(digest.get(), keys));
    facts.rememberVerdict(keySet, verdict);
    return verdict;
  }

  static SignatureVerdict translate(dev.rdmaforge.kernel.keys.SignatureVerdict v) {
    SignatureOutcome outcome = SignatureOutcome.valueOf(v.outcome().name());
    return new SignatureVerdict(outcome, v.signer(), v.detail());
  }

  /** A name for a set of trusted keys in search order: equal names, equal verdicts. */
  static byte[] keySetName(TrustedKeys keys) {
    MessageDigest sha = sha256();
    update(sha, VERDICT_RULES.getBytes(StandardCharsets.UTF_8));
    for (TrustedKey k : keys.keys()) {
      update(sha, k.der());
      update(sha, k.origin().getBytes(StandardCharsets.UTF_8));
    }
    return sha.digest();
  }

  /** The name under which verdicts without any key are remembered. */
  static byte[] noKeysName(String rules) {
    MessageDigest sha = sha256();
    update(sha, (VERDICT_RULES + ", " + rules).getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Length-prefixed, so that no two different key lists give the same byte stream. */
  private static void update(MessageDigest sha, byte[] part) {
    sha.update(ByteBuffer.allocate(4).putInt(part.length).array());
    sha.update(part);
  }
}
