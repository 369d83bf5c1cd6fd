package dev.rdmaforge.check;

import java.util.Arrays;
import java.util.Objects;

/**
 * A module's appended signature with what verifying it needs, so that the expensive part (hashing
 * the signed bytes) is done once per file and cached.
 *
 * @param signer the signer's name as {@code modinfo} shows it, with the key id
 * @param pkcs7 the DER of the PKCS#7 message ({@code id_type} 2), or the raw bytes otherwise
 * @param idType {@code PKCS#7}, or the other id type's name (the kernel refuses those)
 * @param digestAlgorithm the JCA name of the SignerInfo's digest, e.g. {@code SHA-256}; empty when
 *     the message could not be parsed
 * @param digest the digest of the signed bytes with that algorithm; empty when not computed
 */
public record SignedContent(
    String signer, byte[] pkcs7, String idType, String digestAlgorithm, byte[] digest) {

  /** Copies the arrays. */
  public SignedContent {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(idType, "idType");
    Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
    pkcs7 = pkcs7.clone();
    digest = digest.clone();
  }

  @Override
  public byte[] pkcs7() {
    return pkcs7.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedContent s && signer.equals(s.signer) && idType.equals(s.idType)
        && digestAlgorithm.equals(s.digestAlgorithm) && Arrays.equals(pkcs7, s.pkcs7)
        && Arrays.equals(digest, s.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signer, idType, digestAlgorithm, Arrays.hashCode(pkcs7),
        Arrays.hashCode(digest));
  }
}
