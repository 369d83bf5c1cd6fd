package dev.rdmaforge.kernel.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The kernel's {@code public_key_verify_signature} over a digest computed beforehand: RSA with
 * PKCS#1 v1.5 padding checked byte by byte as {@code rsa-pkcs1pad.c} does (so a wrong key and a
 * wrong digest give the kernel's two different errors), and ECDSA (X9.62 DER signatures) through
 * the JDK. The kernel's other key types (SM2, EC-RDSA) are not checked here.
 */
final class PublicKeyVerifier {
  /** The DER DigestInfo prefix the kernel's pkcs1pad expects for each hash (RFC 8017 9.2). */
  private static final Map<String, byte[]> DIGEST_INFO = Map.of(
      "sha1", HexFormat.of().parseHex("3021300906052b0e03021a05000414"),
      "sha224", HexFormat.of().parseHex("302d300d06096086480165030402040500041c"),
      "sha256", HexFormat.of().parseHex("3031300d060960864801650304020105000420"),
      "sha384", HexFormat.of().parseHex("3041300d060960864801650304020205000430"),
      "sha512", HexFormat.of().parseHex("3051300d060960864801650304020305000440"));

  private PublicKeyVerifier() {}

  /**
   * Verifies {@code signature} over {@code digest}.
   *
   * @param key the public key
   * @param keyAlgorithm the key's kernel name ({@code rsa}, {@code ecdsa-nist-p256}, ...)
   * @param signatureAlgorithm the signature's kernel name ({@code rsa}, {@code ecdsa}), or null
   * @param hash the kernel's hash name
   * @return null when it verifies, else the errno the kernel returns
   */
  static KernelErrno verify(PublicKey key, String keyAlgorithm, String signatureAlgorithm,
      String hash, byte[] digest, byte[] signature) {
    if (signatureAlgorithm != null && !keyAlgorithm.equals(signatureAlgorithm)
        && !(keyAlgorithm.startsWith("ecdsa-") && signatureAlgorithm.equals("ecdsa"))) {
      return KernelErrno.EKEYREJECTED;
    }
    if (keyAlgorithm.equals("rsa") && key instanceof RSAPublicKey rsa) {
      return verifyRsa(rsa, hash, digest, signature);
    }
    if (keyAlgorithm.startsWith("ecdsa-")) {
      return verifyEcdsa(key, hash, digest, signature);
    }
    return KernelErrno.ENOPKG;
  }

  private static KernelErrno verifyRsa(RSAPublicKey key, String hash, byte[] digest,
      byte[] signature) {
    byte[] prefix = DIGEST_INFO.get(hash);
    if (prefix == null) {
      return KernelErrno.EINVAL; // pkcs1pad has no template for this hash
    }
    BigInteger n = key.getModulus();
    int keySize = (n.bitLength() + 7) / 8;
    if (signature.length != keySize) {
      return KernelErrno.EINVAL;
    }
    BigInteger s = new BigInteger(1, signature);
    if (s.compareTo(n) >= 0) {
      return KernelErrno.EINVAL;
    }
    byte[] m = minimal(s.modPow(key.getPublicExponent(), n));
    // pkcs1pad_verify_complete: 00 01 FF..FF (at least 8) 00 DigestInfo digest
    int length = m.length;
    if (length < keySize - 1 || length == keySize || m[0] != 0x01) {
      return KernelErrno.EBADMSG;
    }
    int pos = 1;
    while (pos < length && m[pos] == (byte) 0xff) {
      pos++;
    }
    if (pos < 9 || pos == length || m[pos] != 0) {
      return KernelErrno.EBADMSG;
    }
    pos++;
    if (prefix.length > length - pos
        || !Arrays.equals(m, pos, pos + prefix.length, prefix, 0, prefix.length)) {
      return KernelErrno.EBADMSG;
    }
    pos += prefix.length;
    if (length - pos != digest.length || !Arrays.equals(m, pos, length, digest, 0, digest.length)) {
      return KernelErrno.EKEYREJECTED;
    }
    return null;
  }

  /** The big-endian bytes without leading zeros (the kernel's mpi_write_to_sgl). */
  private static byte[] minimal(BigInteger value) {
    byte[] raw = value.toByteArray();
    int skip = 0;
    while (skip < raw.length - 1 && raw[skip] == 0) {
      skip++;
    }
    return Arrays.copyOfRange(raw, skip, raw.length);
  }

  private static KernelErrno verifyEcdsa(PublicKey key, String hash, byte[] digest,
      byte[] signature) {
    if (!DIGEST_INFO.containsKey(hash)) {
      return KernelErrno.EINVAL; // 6.1 accepts ECDSA only with SHA-1 and SHA-2
    }
    try {
      Signature ecdsa = Signature.getInstance("NONEwithECDSA");
      ecdsa.initVerify(key);
      ecdsa.update(digest);
      return ecdsa.verify(signature) ? null : KernelErrno.EKEYREJECTED;
    } catch (SignatureException e) {
      return KernelErrno.EBADMSG; // r or s out of range, or not a DER SEQUENCE of two INTEGERs
    } catch (GeneralSecurityException e) {
      return KernelErrno.EINVAL;
    }
  }
}
