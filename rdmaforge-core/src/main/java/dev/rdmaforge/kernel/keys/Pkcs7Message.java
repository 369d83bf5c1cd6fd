package dev.rdmaforge.kernel.keys;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A module signature's PKCS#7 (CMS) message as {@code pkcs7_parse_message} reads it, with the
 * kernel's error for each way it can be wrong, in the order its decoder meets them: an outer type
 * other than signedData or a SignedData version other than 1 or 3 is {@code EINVAL}, a SignerInfo
 * version that does not fit the SignedData version is {@code EBADMSG}, a digest or signature
 * algorithm it lacks is {@code ENOPKG}, a repeated authenticated attribute is {@code EKEYREJECTED},
 * and anything that is not the expected ASN.1 is {@code EBADMSG}.
 */
final class Pkcs7Message {
  private final String dataType;
  private final boolean hasData;
  private final boolean haveAuthattrs;
  private final List<ParsedCertificate> certificates;
  private final List<Signer> signers;

  /**
   * One SignerInfo.
   *
   * @param authId0 the signer's key id ({@code sig->auth_ids[0]}): serial content octets followed
   *     by the issuer Name's content octets for a version 1 SignerInfo, the subject key id for
   *     version 3
   * @param bySkid whether {@code authId0} is a subject key id
   * @param hash the kernel's hash name ({@code sha256}, ...)
   * @param keyAlgorithm the kernel's signature algorithm name ({@code rsa}, {@code ecdsa}, ...)
   * @param signature the encryptedDigest octets
   * @param signerText the signer for people: {@code issuer 'CN' serial 66:F5:...} or {@code subject
   *     key id 6a39...}
   */
  record Signer(byte[] authId0, boolean bySkid, String hash, String keyAlgorithm,
      byte[] signature, String signerText) {}

  private Pkcs7Message(String dataType, boolean hasData, boolean haveAuthattrs,
      List<ParsedCertificate> certificates, List<Signer> signers) {
    this.dataType = dataType;
    this.hasData = hasData;
    this.haveAuthattrs = haveAuthattrs;
    this.certificates = List.copyOf(certificates);
    this.signers = List.copyOf(signers);
  }

  String dataType() {
    return dataType;
  }

  /** Whether the message carries its content (a module signature must be detached). */
  boolean hasData() {
    return hasData;
  }

  /** Whether the SignerInfos carry authenticated (signed) attributes. */
  boolean haveAuthattrs() {
    return haveAuthattrs;
  }

  List<ParsedCertificate> certificates() {
    return certificates;
  }

  List<Signer> signers() {
    return signers;
  }

  /** Parses the DER message; {@link KernelRefusal} carries the kernel's errno and reason. */
  static Pkcs7Message parse(byte[] der) throws KernelRefusal {
    try {
      return new Reader(der).message();
    } catch (Der.DerException e) {
      throw KernelRefusal.badMessage("the PKCS#7 message", e);
    }
  }

  /** The walk over one message, holding what the kernel's parse context holds. */
  private static final class Reader {
    private final byte[] der;
    private int version;
    private String dataType;
    private boolean hasData;
    private final List<ParsedCertificate> certificates = new ArrayList<>();
    private final List<Signer> signers = new ArrayList<>();
    private final List<Boolean> authattrs = new ArrayList<>();

    Reader(byte[] der) {
      this.der = der;
    }

    Pkcs7Message message() throws Der.DerException, KernelRefusal {
      Der.Tlv top = Der.expect(Der.read(der, 0, der.length), Der.SEQUENCE, "ContentInfo");
      List<Der.Tlv> fields = Der.children(der, top);
      if (fields.isEmpty()) {
        throw new Der.DerException(top.start(), "empty ContentInfo");
      }
      if (!KernelAlgorithms.SIGNED_DATA.equals(Der.oid(der, fields.get(0)))) {
        throw new KernelRefusal(KernelErrno.EINVAL, "the PKCS#7 message is not signedData"
            + " (PKCS7: Only support pkcs7_signedData type)");
      }
      if (fields.size() > 1) {
        Der.Tlv explicit = Der.expect(fields.get(1), 0xa0, "[0] content");
        Der.Tlv signedData = Der.expect(Der.read(der, explicit.contentStart(),
            explicit.contentEnd()), Der.SEQUENCE, "SignedData");
        signedData(signedData);
      }
      // pkcs7_check_authattrs: at least one SignerInfo, all with or all without attributes.
      if (signers.isEmpty() || authattrs.stream().distinct().count() > 1) {
        throw new KernelRefusal(KernelErrno.EINVAL, (signers.isEmpty() ? "the PKCS#7 message"
            + " has no SignerInfo" : "the SignerInfos disagree about authenticated attributes")
            + " (PKCS7: Inconsistently supplied authAttrs)");
      }
      return new Pkcs7Message(dataType, hasData, authattrs.get(0), certificates, signers);
    }

    private void signedData(Der.Tlv signedData) throws Der.DerException, KernelRefusal {
      List<Der.Tlv> fields = Der.children(der, signedData);
      if (fields.size() < 4) {
        throw new Der.DerException(signedData.start(), "SignedData has too few fields");
      }
      Der.Tlv versionTlv = Der.expect(fields.get(0), Der.INTEGER, "SignedData version");
      version = versionTlv.contentLength() == 1 ? der[versionTlv.contentStart()] : -1;
      if (version != 1 && version != 3) {
        throw new KernelRefusal(KernelErrno.EINVAL, "unsupported SignedData version"
            + " (PKCS7: Unsupported SignedData version)");
      }
      Der.Tlv digestAlgorithms = fields.get(1);
      if (digestAlgorithms.tag() != Der.SET && digestAlgorithms.tag() != Der.SEQUENCE) {
        throw new Der.DerException(digestAlgorithms.start(), "digestAlgorithms is no SET");
      }
      for (Der.Tlv algorithm : Der.children(der, digestAlgorithms)) {
        Der.oid(der, Der.children(der, Der.expect(algorithm, Der.SEQUENCE, "digest")).get(0));
      }
      contentInfo(Der.expect(fields.get(2), Der.SEQUENCE, "contentInfo"));
      int at = 3;
      if (at < fields.size() && (fields.get(at).tag() == 0xa0 || fields.get(at).tag() == 0xa2)) {
        for (Der.Tlv certificate : Der.children(der, fields.get(at))) {
          if (certificate.tag() != Der.SEQUENCE) {
            throw new Der.DerException(certificate.start(), "certificate is no SEQUENCE");
          }
          certificates.add(ParsedCertificate.parse(certificate.encoded(der)));
        }
        at++;
      }
      if (at < fields.size() && (fields.get(at).tag() == 0xa1 || fields.get(at).tag() == 0xa3)) {
        at++;
      }
      if (at != fields.size() - 1) {
        throw new Der.DerException(signedData.start(), "SignedData fields out of order");
      }
      Der.Tlv signerInfos = fields.get(at);
      if (signerInfos.tag() != Der.SET && signerInfos.tag() != Der.SEQUENCE) {
        throw new Der.DerException(signerInfos.start(), "signerInfos is no SET");
      }
      for (Der.Tlv signerInfo : Der.children(der, signerInfos)) {
        signerInfo(Der.expect(signerInfo, Der.SEQUENCE, "SignerInfo"));
      }
    }

    private void contentInfo(Der.Tlv contentInfo) throws Der.DerException, KernelRefusal {
      List<Der.Tlv> fields = Der.children(der, contentInfo);
      if (fields.isEmpty()) {
        throw new Der.DerException(contentInfo.start(), "empty contentInfo");
      }
      String type = Der.oid(der, fields.get(0));
      if (fields.size() > 1) {
        Der.expect(fields.get(1), 0xa0, "[0] content");
        hasData = true;
      }
      if (!KernelAlgorithms.DATA.equals(type) && !KernelAlgorithms.MS_INDIRECT_DATA.equals(type)) {
        throw new KernelRefusal(KernelErrno.EINVAL, "unsupported content type " + type
            + " (PKCS7: Unsupported data type)");
      }
      dataType = type;
    }

    private void signerInfo(Der.Tlv signerInfo) throws Der.DerException, KernelRefusal {
      List<Der.Tlv> fields = Der.children(der, signerInfo);
      if (fields.size() < 5) {
        throw new Der.DerException(signerInfo.start(), "SignerInfo has too few fields");
      }
      Der.Tlv versionTlv = Der.expect(fields.get(0), Der.INTEGER, "SignerInfo version");
      int signerVersion = versionTlv.contentLength() == 1 ? der[versionTlv.contentStart()] : -1;
      boolean expectSkid;
      if (signerVersion == 1) {
        if (version != 1) {
          throw mismatch();
        }
        expectSkid = false;
      } else if (signerVersion == 3) {
        if (version == 1) {
          throw mismatch();
        }
        expectSkid = true;
      } else {
        throw new KernelRefusal(KernelErrno.EINVAL, "unsupported SignerInfo version"
            + " (PKCS7: Unsupported SignerInfo version)");
      }
      byte[] serial = new byte[0];
      byte[] issuer = new byte[0];
      byte[] skid = new byte[0];
      String issuerName = "";
      Der.Tlv sid = fields.get(1);
      if (sid.tag() == Der.SEQUENCE) {
        List<Der.Tlv> parts = Der.children(der, sid);
        if (parts.size() != 2) {
          throw new Der.DerException(sid.start(), "issuerAndSerialNumber has " + parts.size()
              + " fields");
        }
        Der.Tlv name = Der.expect(parts.get(0), Der.SEQUENCE, "issuer");
        issuer = name.content(der);
        issuerName = KernelNames.fabricate(der, name);
        serial = Der.expect(parts.get(1), Der.INTEGER, "serialNumber").content(der);
      } else if (sid.tag() == 0x80) {
        skid = sid.content(der);
      } else {
        throw new Der.DerException(sid.start(), "SignerIdentifier is neither issuerAndSerialNumber"
            + " nor [0] subjectKeyIdentifier");
      }
      String digestOid = Der.oid(der,
          Der.children(der, Der.expect(fields.get(2), Der.SEQUENCE, "digestAlgorithm")).get(0));
      String hash = KernelAlgorithms.digest(digestOid).orElseThrow(() -> new KernelRefusal(
          KernelErrno.ENOPKG, "digest algorithm " + digestOid + " is not supported by the kernel"
              + " (Unsupported digest algo)"));
      int at = 3;
      boolean hasAuthattrs = false;
      if (fields.get(at).tag() == 0xa0 || fields.get(at).tag() == 0xa2) {
        hasAuthattrs = fields.get(at).tag() == 0xa0;
        authenticatedAttributes(fields.get(at));
        at++;
      }
      if (at + 1 >= fields.size()) {
        throw new Der.DerException(signerInfo.start(), "SignerInfo has too few fields");
      }
      String keyOid = Der.oid(der,
          Der.children(der, Der.expect(fields.get(at), Der.SEQUENCE, "digestEncryptionAlgorithm"))
              .get(0));
      String keyAlgorithm = KernelAlgorithms.signatureKey(keyOid).orElseThrow(() ->
          new KernelRefusal(KernelErrno.ENOPKG, "signature algorithm " + keyOid + " is not"
              + " supported by the kernel (Unsupported pkey algo)"));
      byte[] signature =
          Der.expect(fields.get(at + 1), Der.OCTET_STRING, "encryptedDigest").content(der);
      if (KernelAlgorithms.MS_INDIRECT_DATA.equals(dataType) && !hasAuthattrs) {
        throw new Der.DerException(signerInfo.start(), "Authenticode requires AuthAttrs");
      }
      byte[] authId0 = expectSkid ? skid : ParsedCertificate.concat(serial, issuer);
      String signerText = expectSkid ? "subject key id " + Hex.lower(skid)
          : "issuer '" + issuerName + "' serial " + Hex.colons(stripSign(serial));
      authattrs.add(hasAuthattrs);
      signers.add(new Signer(authId0, expectSkid, hash, keyAlgorithm, signature, signerText));
    }

    private static KernelRefusal mismatch() {
      return new KernelRefusal(KernelErrno.EBADMSG, "the SignerInfo version does not fit the"
          + " SignedData version (PKCS7: SignedData-SignerInfo version mismatch)");
    }

    /** {@code pkcs7_sig_note_authenticated_attr} and {@code pkcs7_sig_note_set_of_authattrs}. */
    private void authenticatedAttributes(Der.Tlv wrapper) throws Der.DerException, KernelRefusal {
      Set<String> seen = new HashSet<>();
      List<Der.Tlv> attributes = Der.children(der, wrapper);
      if (wrapper.tag() == 0xa2 && attributes.size() == 1
          && attributes.get(0).tag() == Der.SEQUENCE) {
        attributes = Der.children(der, attributes.get(0));
      }
      for (Der.Tlv attribute : attributes) {
        List<Der.Tlv> parts = Der.children(der, Der.expect(attribute, Der.SEQUENCE, "attribute"));
        if (parts.size() != 2) {
          throw new Der.DerException(attribute.start(), "attribute has " + parts.size()
              + " fields");
        }
        String type = Der.oid(der, parts.get(0));
        for (Der.Tlv value : Der.children(der, Der.expect(parts.get(1), Der.SET, "values"))) {
          if (!seen.add(type) && isChecked(type)) {
            throw new KernelRefusal(KernelErrno.EKEYREJECTED, "authenticated attribute " + type
                + " is repeated (PKCS7: Repeated/multivalue AuthAttrs not permitted)");
          }
          checkAttribute(type, value);
        }
      }
      if (wrapper.tag() == 0xa0 && (!seen.contains(KernelAlgorithms.CONTENT_TYPE)
          || !seen.contains(KernelAlgorithms.MESSAGE_DIGEST))) {
        throw new KernelRefusal(KernelErrno.EBADMSG, "the authenticated attributes lack"
            + " contentType or messageDigest (PKCS7: Missing required AuthAttr)");
      }
    }

    private static boolean isChecked(String type) {
      return type.equals(KernelAlgorithms.CONTENT_TYPE)
          || type.equals(KernelAlgorithms.SIGNING_TIME)
          || type.equals(KernelAlgorithms.MESSAGE_DIGEST)
          || type.equals(KernelAlgorithms.SMIME_CAPABILITIES)
          || type.equals(KernelAlgorithms.MS_SP_OPUS_INFO)
          || type.equals(KernelAlgorithms.MS_STATEMENT_TYPE);
    }

    private void checkAttribute(String type, Der.Tlv value) throws Der.DerException,
        KernelRefusal {
      boolean authenticode = KernelAlgorithms.MS_INDIRECT_DATA.equals(dataType);
      if (type.equals(KernelAlgorithms.CONTENT_TYPE)) {
        if (value.tag() != Der.OID || !Der.oid(der, value).equals(dataType)) {
          throw new KernelRefusal(KernelErrno.EBADMSG, "the contentType attribute differs from"
              + " the message's content type");
        }
      } else if (type.equals(KernelAlgorithms.MESSAGE_DIGEST)) {
        Der.expect(value, Der.OCTET_STRING, "messageDigest");
      } else if (type.equals(KernelAlgorithms.SIGNING_TIME)) {
        if (value.tag() != Der.UTC_TIME && value.tag() != Der.GENERALIZED_TIME) {
          throw new Der.DerException(value.start(), "signingTime is not a time");
        }
      } else if (type.equals(KernelAlgorithms.SMIME_CAPABILITIES)) {
        if (!authenticode) {
          throw new KernelRefusal(KernelErrno.EKEYREJECTED, "the signature carries S/MIME"
              + " capabilities (PKCS7: S/MIME Caps only allowed with Authenticode)");
        }
      } else if (type.equals(KernelAlgorithms.MS_SP_OPUS_INFO)
          || type.equals(KernelAlgorithms.MS_STATEMENT_TYPE)) {
        if (!authenticode) {
          throw new KernelRefusal(KernelErrno.EKEYREJECTED, "the signature carries Authenticode"
              + " attributes (PKCS7: Authenticode AuthAttrs only allowed with Authenticode)");
        }
      }
    }

    private static byte[] stripSign(byte[] serial) {
      int skip = 0;
      while (skip < serial.length - 1 && serial[skip] == 0) {
        skip++;
      }
      return java.util.Arrays.copyOfRange(serial, skip, serial.length);
    }
  }
}
