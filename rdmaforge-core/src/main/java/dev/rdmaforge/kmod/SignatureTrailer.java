package dev.rdmaforge.kmod;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The signature appended to a module, found the way libkmod's {@code kmod_module_signature_info}
 * finds it:
 *
 * <pre>
 * [ image ][ signer ][ key id ][ signature, sig_len bytes ][ struct module_signature, 12 bytes ]
 * [ "~Module signature appended~\n", 28 bytes ]
 * struct module_signature { u8 algo, hash, id_type, signer_len, key_id_len, pad[3]; be32 sig_len; }
 * </pre>
 *
 * The structure is read eagerly (cheap); the PKCS#7 message is decoded only when {@link
 * #describe()} is called, because depmod never needs it.
 */
final class SignatureTrailer {
  /** The marker the kernel's sign-file appends last. */
  static final byte[] MAGIC = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);
  /** {@code sizeof(struct module_signature)}. */
  static final int STRUCT_SIZE = 12;

  private static final int ID_PKCS7 = 2;
  private static final String[] HASH_NAMES = {
    "md4", "md5", "sha1", "rmd160", "sha256", "sha384", "sha512", "sha224", "sm3"
  };
  private static final String[] ID_TYPE_NAMES = {"PGP", "X509", "PKCS#7"};
  private static final int ALGO_COUNT = 2;
  private static final Map<String, String> DIGEST_NAMES =
      Map.of(
          "1.2.840.113549.2.4", "md4",
          "1.2.840.113549.2.5", "md5",
          "1.3.14.3.2.26", "sha1",
          "1.3.36.3.2.1", "rmd160",
          "2.16.840.1.101.3.4.2.1", "sha256",
          "2.16.840.1.101.3.4.2.2", "sha384",
          "2.16.840.1.101.3.4.2.3", "sha512",
          "2.16.840.1.101.3.4.2.4", "sha224",
          "1.2.156.10197.1.401", "sm3");

  private final int hash;
  private final int idType;
  private final byte[] signer;
  private final byte[] keyId;
  private final byte[] signature;
  private final long signedLength;

  private SignatureTrailer(
      int hash, int idType, byte[] signer, byte[] keyId, byte[] signature, long signedLength) {
    this.hash = hash;
    this.idType = idType;
    this.signer = signer;
    this.keyId = keyId;
    this.signature = signature;
    this.signedLength = signedLength;
  }

  /**
   * Reads the trailer at the end of the image.
   *
   * @return the trailer, or null when libkmod would report no signature (no marker, an unknown
   *     algorithm / hash / id type, a zero or too large length)
   */
  static SignatureTrailer find(ElfImage image) {
    long end = image.size() - MAGIC.length;
    if (end < 0 || !image.startsWith(end, MAGIC)) {
      return null;
    }
    end -= STRUCT_SIZE;
    if (end < 0) {
      return null;
    }
    int algo = image.u8(end);
    int hash = image.u8(end + 1);
    int idType = image.u8(end + 2);
    int signerLength = image.u8(end + 3);
    int keyIdLength = image.u8(end + 4);
    long sigLength = bigEndian32(image, end + 8);
    if (algo >= ALGO_COUNT || hash >= HASH_NAMES.length || idType >= ID_TYPE_NAMES.length) {
      return null;
    }
    if (sigLength == 0 || end < signerLength + keyIdLength + sigLength) {
      return null;
    }
    long sigStart = end - sigLength;
    long keyIdStart = sigStart - keyIdLength;
    long signerStart = keyIdStart - signerLength;
    return new SignatureTrailer(hash, idType, image.slice(signerStart, signerLength),
        image.slice(keyIdStart, keyIdLength), image.slice(sigStart, (int) sigLength), signerStart);
  }

  private static long bigEndian32(ElfImage image, long offset) {
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | image.u8(offset + i);
    }
    return value;
  }

  /**
   * The signature as libkmod describes it.
   *
   * @return the description, or empty when libkmod reports no signature (a PKCS#7 message OpenSSL
   *     cannot decode, no SignerInfo, or a SignerInfo that names its key by subject key id)
   */
  Optional<ModuleSignature> describe() {
    if (idType != ID_PKCS7) {
      return Optional.of(new ModuleSignature(ID_TYPE_NAMES[idType], latin1UpToNul(signer), keyId,
          HASH_NAMES[hash], signature, signature, signedLength));
    }
    try {
      return describePkcs7();
    } catch (IOException | RuntimeException e) {
      // OpenSSL's d2i_PKCS7 fails on the same malformed DER: libkmod then shows no signature.
      return Optional.empty();
    }
  }

  private Optional<ModuleSignature> describePkcs7() throws IOException {
    ASN1Primitive message;
    try (ASN1InputStream in = new ASN1InputStream(signature)) {
      message = in.readObject();
    }
    if (message == null) {
      return Optional.empty();
    }
    ContentInfo content = ContentInfo.getInstance(message);
    if (!CMSObjectIdentifiers.signedData.equals(content.getContentType())) {
      return Optional.empty();
    }
    ASN1Set signerInfos = SignedData.getInstance(content.getContent()).getSignerInfos();
    if (signerInfos.size() == 0) {
      return Optional.empty();
    }
    SignerInfo info = SignerInfo.getInstance(signerInfos.getObjectAt(0));
    SignerIdentifier sid = info.getSID();
    if (sid.isTagged()) {
      // A subjectKeyIdentifier: OpenSSL's PKCS7 templates only know issuerAndSerialNumber.
      return Optional.empty();
    }
    IssuerAndSerialNumber issuerAndSerial = IssuerAndSerialNumber.getInstance(sid.getId());
    String digest = info.getDigestAlgorithm().getAlgorithm().getId();
    return Optional.of(new ModuleSignature(ID_TYPE_NAMES[idType],
        signerName(issuerAndSerial.getName()),
        magnitude(issuerAndSerial.getSerialNumber().getValue()),
        DIGEST_NAMES.getOrDefault(digest, "unknown"), signature,
        info.getEncryptedDigest().getOctets(), signedLength));
  }

  /**
   * libkmod's {@code x509_name_to_str}: the first commonName entry; when there is none, its loop
   * leaves the last entry selected and that entry's value is used; no entries give "".
   */
  private static String signerName(X500Name issuer) throws IOException {
    AttributeTypeAndValue chosen = null;
    for (RDN rdn : issuer.getRDNs()) {
      for (AttributeTypeAndValue entry : rdn.getTypesAndValues()) {
        chosen = entry;
        if (BCStyle.CN.equals(entry.getType())) {
          return latin1UpToNul(stringContents(entry.getValue()));
        }
      }
    }
    return chosen == null ? "" : latin1UpToNul(stringContents(chosen.getValue()));
  }

  /** The content octets of an ASN.1 string, as OpenSSL's {@code ASN1_STRING_get0_data} gives. */
  private static byte[] stringContents(ASN1Encodable value) throws IOException {
    byte[] tlv = value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    int at = 1;
    if ((tlv[0] & 0x1f) == 0x1f) {
      while ((tlv[at++] & 0x80) != 0) {
        // skip the high tag number bytes
      }
    }
    int length = tlv[at++] & 0xff;
    if ((length & 0x80) != 0) {
      int count = length & 0x7f;
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (tlv[at++] & 0xff);
      }
    }
    return Arrays.copyOfRange(tlv, at, at + length);
  }

  /** OpenSSL's {@code BN_bn2bin}: big-endian magnitude without leading zeros; 0 is empty. */
  static byte[] magnitude(BigInteger value) {
    byte[] raw = value.abs().toByteArray();
    int skip = 0;
    while (skip < raw.length && raw[skip] == 0) {
      skip++;
    }
    return Arrays.copyOfRange(raw, skip, raw.length);
  }

  private static String latin1UpToNul(byte[] raw) {
    int length = 0;
    while (length < raw.length && raw[length] != 0) {
      length++;
    }
    return new String(raw, 0, length, StandardCharsets.ISO_8859_1);
  }
}
