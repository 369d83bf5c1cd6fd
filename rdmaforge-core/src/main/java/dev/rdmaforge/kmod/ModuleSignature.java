package dev.rdmaforge.kmod;

import java.util.Arrays;
import java.util.Objects;

/**
 * A module's appended signature as libkmod describes it ({@code kmod_module_signature_info}) and
 * {@code modinfo} prints it. For a PKCS#7 signature (what the kernel's sign-file writes) signer, key
 * id and hash algorithm come from the first CMS SignerInfo: the issuer's common name, the serial
 * number and the digest algorithm.
 *
 * @param idType libkmod's name for the key identifier type: {@code "PKCS#7"}, {@code "X509"} or
 *     {@code "PGP"} ({@code modinfo}'s {@code sig_id})
 * @param signer the signer ({@code modinfo}'s {@code signer}), one character per byte; empty when
 *     the issuer has no name entries
 * @param keyId the key identifier bytes: for PKCS#7 the magnitude of the serial number, big-endian,
 *     without leading zero bytes
 * @param hashAlgorithm the digest as {@code modinfo} names it ({@code "sha256"}, {@code "sha512"},
 *     ...), or {@code "unknown"} for a digest libkmod has no name for
 * @param pkcs7 the DER bytes of the signature message (for other id types the raw signature bytes)
 * @param signatureValue the signature itself ({@code modinfo}'s {@code signature}): the SignerInfo's
 *     encrypted digest for PKCS#7
 * @param signedLength how many leading bytes of the (decompressed) file the signature covers: the
 *     file minus the signature, signer, key id, the 12-byte {@code struct module_signature} and the
 *     28-byte marker {@code "~Module signature appended~\n"}
 */
public record ModuleSignature(
    String idType,
    String signer,
    byte[] keyId,
    String hashAlgorithm,
    byte[] pkcs7,
    byte[] signatureValue,
    long signedLength) {

  /** Checks for nulls and copies the arrays, so that the record stays immutable. */
  public ModuleSignature {
    Objects.requireNonNull(idType, "idType");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    keyId = keyId.clone();
    pkcs7 = pkcs7.clone();
    signatureValue = signatureValue.clone();
  }

  /** A copy of the key identifier bytes. */
  @Override
  public byte[] keyId() {
    return keyId.clone();
  }

  /** A copy of the DER signature message. */
  @Override
  public byte[] pkcs7() {
    return pkcs7.clone();
  }

  /** A copy of the signature bytes. */
  @Override
  public byte[] signatureValue() {
    return signatureValue.clone();
  }

  /**
   * The key id as {@code modinfo} prints {@code sig_key}: upper-case hex pairs joined by {@code
   * ':'}, e.g. {@code 66:F5:4E:...:AC}. Like libkmod, a line break and two tabs follow every 20th
   * byte when more follow (never for the 20-byte serials the kernel build generates).
   */
  public String keyIdHex() {
    return kmodHex(keyId);
  }

  /** The signature as {@code modinfo} prints it, formatted like {@link #keyIdHex()}. */
  public String signatureHex() {
    return kmodHex(signatureValue);
  }

  /** libkmod's {@code kmod_module_hex_to_str}. */
  static String kmodHex(byte[] data) {
    StringBuilder text = new StringBuilder(data.length * 3);
    for (int i = 0; i < data.length; i++) {
      text.append(Character.toUpperCase(Character.forDigit((data[i] >> 4) & 0xf, 16)));
      text.append(Character.toUpperCase(Character.forDigit(data[i] & 0xf, 16)));
      if (i < data.length - 1) {
        text.append(':');
        if ((i + 1) % 20 == 0) {
          text.append("\n\t\t");
        }
      }
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModuleSignature that
        && idType.equals(that.idType)
        && signer.equals(that.signer)
        && Arrays.equals(keyId, that.keyId)
        && hashAlgorithm.equals(that.hashAlgorithm)
        && Arrays.equals(pkcs7, that.pkcs7)
        && Arrays.equals(signatureValue, that.signatureValue)
        && signedLength == that.signedLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(idType, signer, Arrays.hashCode(keyId), hashAlgorithm,
        Arrays.hashCode(pkcs7), Arrays.hashCode(signatureValue), signedLength);
  }

  @Override
  public String toString() {
    return "ModuleSignature[idType=" + idType + ", signer=" + signer + ", keyId=" + keyIdHex()
        + ", hashAlgorithm=" + hashAlgorithm + ", pkcs7=" + pkcs7.length + " bytes, signedLength="
        + signedLength + "]";
  }
}
