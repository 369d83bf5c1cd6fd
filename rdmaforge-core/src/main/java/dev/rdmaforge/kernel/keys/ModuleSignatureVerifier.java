package dev.rdmaforge.kernel.keys;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * Predicts what Linux 6.1 concludes about a module's signature ({@code mod_verify_sig}: {@code
 * mod_check_sig}, {@code pkcs7_parse_message}, {@code pkcs7_verify}, {@code pkcs7_validate_trust})
 * and checks the signature for real: RSA (PKCS#1 v1.5) and ECDSA over the module's bytes, the key
 * found as the kernel finds it, by the signer's issuer and serial number or subject key id.
 *
 * <p>The work is split so that callers can cache the expensive part: {@link #digest} reads and
 * hashes the module once ({@link SignedContentDigest#toBytes()} can be stored with the file's
 * other facts), {@link #verify(SignedContentDigest, TrustedKeys)} needs no module bytes and, with a
 * {@link VerifiedSignatures} cache, no RSA operation for a check done before. Thread-safe.
 *
 * <pre>{@code
 * ModuleSignatureVerifier verifier = new ModuleSignatureVerifier();
 * SignatureVerdict verdict =
 *     verifier.verify(verifier.digest(ModuleReader.loadImage(ko)), keys);
 * verdict.decide(SignaturePolicy.ENFORCED, "ib_core").passes();
 * }</pre>
 */
public final class ModuleSignatureVerifier {
  private final VerifiedSignatures cache;

  /** A verifier without a cache of earlier checks (it still remembers them while it lives). */
  public ModuleSignatureVerifier() {
    this(VerifiedSignatures.inMemory());
  }

  /** A verifier that consults and fills {@code cache}. */
  public ModuleSignatureVerifier(VerifiedSignatures cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Everything about the signature that does not depend on trusted keys, with the hash of the
   * signed bytes.
   *
   * @param image the module as the kernel receives it: decompressed, signature included (see
   *     {@code ModuleReader.loadImage}); read from its position to its limit, not modified
   */
  public SignedContentDigest digest(ByteBuffer image) {
    return SignedContentDigest.compute(image);
  }

  /** {@link #digest(ByteBuffer)} over an array. */
  public SignedContentDigest digest(byte[] image) {
    return SignedContentDigest.compute(ByteBuffer.wrap(image));
  }

  /** {@link #verify(SignedContentDigest, TrustedKeys)} of a module image in one step. */
  public SignatureVerdict verify(ByteBuffer image, TrustedKeys keys) {
    return verify(digest(image), keys);
  }

  /**
   * The kernel's verdict: {@code pkcs7_validate_trust} over every SignerInfo. One that a trusted
   * key verifies makes the module {@link SignatureOutcome#VALID}; a matching key whose check fails
   * makes it {@link SignatureOutcome#REJECTED} at once; otherwise {@link
   * SignatureOutcome#UNSUPPORTED_CRYPTO} if some SignerInfo used crypto the kernel lacks, else
   * {@link SignatureOutcome#KEY_UNAVAILABLE}.
   */
  public SignatureVerdict verify(SignedContentDigest digest, TrustedKeys keys) {
    Optional<SignatureVerdict> early = digest.verdictWithoutKeys();
    if (early.isPresent()) {
      return early.get();
    }
    Pkcs7Message message = digest.message();
    KernelErrno cached = KernelErrno.ENOKEY;
    for (int i = 0; i < message.signers().size(); i++) {
      Pkcs7Message.Signer signer = message.signers().get(i);
      Trust trust = validateOne(digest, i, keys);
      if (trust.error == null) {
        return new SignatureVerdict(SignatureOutcome.VALID, Optional.empty(),
            Optional.of(trust.key), signer.signerText(), "signed by trusted key "
                + trust.key, Optional.empty());
      }
      switch (trust.error) {
        case ENOKEY:
          break;
        case ENOPKG:
          cached = KernelErrno.ENOPKG;
          break;
        default:
          return new SignatureVerdict(SignatureOutcome.REJECTED,
              Optional.of(KernelErrno.EKEYREJECTED), Optional.ofNullable(trust.key),
              signer.signerText(), trust.key == null ? "the trusted keyring refuses the"
                  + " signer's key ids (its subject key id does not match)"
                  : "the signature does not verify with trusted key " + trust.key + ": the"
                      + " module was changed after it was signed", Optional.empty());
      }
    }
    Pkcs7Message.Signer first = message.signers().get(0);
    if (cached == KernelErrno.ENOPKG) {
      return SignedContentDigest.verdict(SignatureOutcome.UNSUPPORTED_CRYPTO, KernelErrno.ENOPKG,
          first.signerText(), "the signature uses an algorithm the kernel cannot check", null);
    }
    return SignedContentDigest.verdict(SignatureOutcome.KEY_UNAVAILABLE, KernelErrno.ENOKEY,
        first.signerText(), "no trusted key matches the signer (" + first.signerText()
            + ") among " + keys.keys().size() + " trusted key" + (keys.keys().size() == 1 ? ""
            : "s") + ": the module was signed with a key this kernel does not trust", null);
  }

  /** The result of one SignerInfo: an error (null when verified) and the key that matched. */
  private record Trust(KernelErrno error, TrustedKey key) {}

  /** {@code pkcs7_validate_trust_one}. */
  private Trust validateOne(SignedContentDigest digest, int index, TrustedKeys keys) {
    if (digest.unsupported(index)) {
      return new Trust(KernelErrno.ENOPKG, null);
    }
    Pkcs7Message.Signer signer = digest.message().signers().get(index);
    byte[] moduleDigest = digest.digest(signer.hash());
    // The chain of certificates the message carries, from the signer's upwards.
    ParsedCertificate last = null;
    ParsedCertificate signedBy = null;
    for (ParsedCertificate x509 = digest.signerCertificate(index); x509 != null;
        x509 = digest.issuerInMessage(x509)) {
      TrustedKeys.Lookup lookup = keys.find(x509.id(), x509.skid());
      if (lookup.found()) {
        return signedBy == null ? check(lookup.key(), signer, moduleDigest)
            : checkCertificate(lookup.key(), signedBy);
      }
      if (digest.issuerInMessage(x509) == x509) {
        return new Trust(KernelErrno.ENOKEY, null); // an unknown self-signed root
      }
      last = x509;
      signedBy = x509;
      if (digest.issuerInMessage(x509) == null) {
        break;
      }
    }
    if (last != null && (last.authId0() != null || last.authId1() != null)) {
      TrustedKeys.Lookup lookup = keys.find(last.authId0(), last.authId1());
      if (lookup.found()) {
        return checkCertificate(lookup.key(), last);
      }
      if (lookup.rejected()) {
        return new Trust(KernelErrno.EKEYREJECTED, null);
      }
    }
    TrustedKeys.Lookup direct = keys.find(signer.authId0(), null);
    if (direct.found()) {
      return check(direct.key(), signer, moduleDigest);
    }
    return new Trust(KernelErrno.ENOKEY, null);
  }

  private Trust check(TrustedKey key, Pkcs7Message.Signer signer, byte[] moduleDigest) {
    ParsedCertificate certificate = key.certificate();
    KernelErrno error = cache.verify(certificate.publicKey(), certificate.keyAlgorithm(),
        signer.keyAlgorithm(), signer.hash(), moduleDigest, signer.signature());
    return new Trust(error == null ? null : KernelErrno.EKEYREJECTED, key);
  }

  private Trust checkCertificate(TrustedKey key, ParsedCertificate subject) {
    KernelErrno error = SignedContentDigest.verifyCertificate(key.certificate(), subject);
    return new Trust(error == null ? null : KernelErrno.EKEYREJECTED, key);
  }
}
