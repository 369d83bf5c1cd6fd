package dev.rdmaforge.kernel.keys;

import java.util.Map;
import java.util.Optional;

/**
 * The algorithm identifiers Linux 6.1 accepts in module signatures and X.509 certificates
 * ({@code pkcs7_sig_note_digest_algo}, {@code pkcs7_sig_note_pkey_algo}, {@code
 * x509_note_sig_algo}, {@code x509_extract_key_data}), by the kernel's own names. An identifier
 * missing here is refused by the kernel's parser with {@code ENOPKG}. (SHA-3 arrived in 6.7 and
 * NIST P-521 in 6.10: a 6.1 kernel refuses both.)
 */
final class KernelAlgorithms {
  static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
  static final String DATA = "1.2.840.113549.1.7.1";
  static final String MS_INDIRECT_DATA = "1.3.6.1.4.1.311.2.1.4";
  static final String CONTENT_TYPE = "1.2.840.113549.1.9.3";
  static final String MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
  static final String SIGNING_TIME = "1.2.840.113549.1.9.5";
  static final String SMIME_CAPABILITIES = "1.2.840.113549.1.9.15";
  static final String MS_SP_OPUS_INFO = "1.3.6.1.4.1.311.2.1.12";
  static final String MS_STATEMENT_TYPE = "1.3.6.1.4.1.311.2.1.11";
  static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
  static final String COMMON_NAME = "2.5.4.3";
  static final String ORGANIZATION = "2.5.4.10";
  static final String EMAIL_ADDRESS = "1.2.840.113549.1.9.1";

  /** Digest OID to the kernel's hash name. */
  private static final Map<String, String> DIGESTS = Map.of(
      "1.3.14.3.2.26", "sha1",
      "2.16.840.1.101.3.4.2.4", "sha224",
      "2.16.840.1.101.3.4.2.1", "sha256",
      "2.16.840.1.101.3.4.2.2", "sha384",
      "2.16.840.1.101.3.4.2.3", "sha512",
      "1.2.156.10197.1.401", "sm3",
      "1.2.643.7.1.1.2.2", "streebog256",
      "1.2.643.7.1.1.2.3", "streebog512");

  /** SignerInfo digestEncryptionAlgorithm OID to the kernel's public key algorithm name. */
  private static final Map<String, String> SIGNATURE_KEYS = Map.of(
      RSA_ENCRYPTION, "rsa",
      "1.2.840.10045.4.1", "ecdsa",
      "1.2.840.10045.4.3.1", "ecdsa",
      "1.2.840.10045.4.3.2", "ecdsa",
      "1.2.840.10045.4.3.3", "ecdsa",
      "1.2.840.10045.4.3.4", "ecdsa",
      "1.2.156.10197.1.501", "sm2",
      "1.2.643.7.1.1.1.1", "ecrdsa",
      "1.2.643.7.1.1.1.2", "ecrdsa");

  /** Certificate signature algorithm OID to {public key algorithm, hash}. */
  private static final Map<String, String[]> CERTIFICATE_SIGNATURES = Map.ofEntries(
      Map.entry("1.2.840.113549.1.1.5", new String[] {"rsa", "sha1"}),
      Map.entry("1.2.840.113549.1.1.14", new String[] {"rsa", "sha224"}),
      Map.entry("1.2.840.113549.1.1.11", new String[] {"rsa", "sha256"}),
      Map.entry("1.2.840.113549.1.1.12", new String[] {"rsa", "sha384"}),
      Map.entry("1.2.840.113549.1.1.13", new String[] {"rsa", "sha512"}),
      Map.entry("1.2.840.10045.4.1", new String[] {"ecdsa", "sha1"}),
      Map.entry("1.2.840.10045.4.3.1", new String[] {"ecdsa", "sha224"}),
      Map.entry("1.2.840.10045.4.3.2", new String[] {"ecdsa", "sha256"}),
      Map.entry("1.2.840.10045.4.3.3", new String[] {"ecdsa", "sha384"}),
      Map.entry("1.2.840.10045.4.3.4", new String[] {"ecdsa", "sha512"}),
      Map.entry("1.2.156.10197.1.501", new String[] {"sm2", "sm3"}),
      Map.entry("1.2.643.7.1.1.3.2", new String[] {"ecrdsa", "streebog256"}),
      Map.entry("1.2.643.7.1.1.3.3", new String[] {"ecrdsa", "streebog512"}));

  /** Named EC curve OID to the kernel's key algorithm name. */
  private static final Map<String, String> CURVES = Map.of(
      "1.2.840.10045.3.1.1", "ecdsa-nist-p192",
      "1.2.840.10045.3.1.7", "ecdsa-nist-p256",
      "1.3.132.0.34", "ecdsa-nist-p384");

  /** JCA names of the digests rdmaforge can compute with the JDK. */
  private static final Map<String, String> JCA_DIGESTS = Map.of(
      "sha1", "SHA-1",
      "sha224", "SHA-224",
      "sha256", "SHA-256",
      "sha384", "SHA-384",
      "sha512", "SHA-512");

  private KernelAlgorithms() {}

  static Optional<String> digest(String oid) {
    return Optional.ofNullable(DIGESTS.get(oid));
  }

  static Optional<String> signatureKey(String oid) {
    return Optional.ofNullable(SIGNATURE_KEYS.get(oid));
  }

  /** {public key algorithm, hash} of a certificate signature algorithm the kernel knows. */
  static Optional<String[]> certificateSignature(String oid) {
    String[] pair = CERTIFICATE_SIGNATURES.get(oid);
    return pair == null ? Optional.empty() : Optional.of(pair.clone());
  }

  static Optional<String> curve(String oid) {
    return Optional.ofNullable(CURVES.get(oid));
  }

  /** The JCA digest name for a kernel hash name, when the JDK has it. */
  static Optional<String> jcaDigest(String kernelHash) {
    return Optional.ofNullable(JCA_DIGESTS.get(kernelHash));
  }
}
