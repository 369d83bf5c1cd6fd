package dev.rdmaforge.kernel.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * An X.509 certificate as the kernel's {@code x509_cert_parse} reads it: the raw serial, issuer and
 * subject bytes its key ids are made of, the subject name it fabricates from CN / O / email, the
 * subject key id, the authority key id, the public key, and whether it is self-signed (a
 * self-signed certificate whose own signature does not verify is refused, as in the kernel).
 */
final class ParsedCertificate {
  private final byte[] der;
  private final byte[] rawSerial;
  private final byte[] rawIssuer;
  private final String subject;
  private final byte[] skid;
  private final byte[] id;
  private final byte[] authId0;
  private final byte[] authId1;
  private final String keyAlgorithm;
  private final PublicKey publicKey;
  private final String signatureKeyAlgorithm;
  private final String signatureHash;
  private final byte[] tbs;
  private final byte[] signature;
  private final boolean selfSigned;

  private ParsedCertificate(Builder b) throws KernelRefusal {
    this.der = b.der;
    this.rawSerial = b.rawSerial;
    this.rawIssuer = b.rawIssuer;
    this.subject = b.subject;
    this.skid = b.skid;
    this.id = concat(b.rawSerial, b.rawIssuer);
    this.authId0 = b.authId0;
    this.authId1 = b.authId1;
    this.keyAlgorithm = b.keyAlgorithm;
    this.publicKey = b.publicKey;
    this.signatureKeyAlgorithm = b.signatureKeyAlgorithm;
    this.signatureHash = b.signatureHash;
    this.tbs = b.tbs;
    this.signature = b.signature;
    this.selfSigned = checkSelfSigned(b.rawSubject);
  }

  /** Mutable parts collected while walking the certificate. */
  private static final class Builder {
    byte[] der;
    byte[] rawSerial;
    byte[] rawIssuer;
    byte[] rawSubject;
    String subject;
    byte[] skid;
    byte[] authId0;
    byte[] authId1;
    String keyAlgorithm;
    PublicKey publicKey;
    String signatureKeyAlgorithm;
    String signatureHash;
    byte[] tbs;
    byte[] signature;
  }

  /**
   * Parses a certificate the way the kernel does.
   *
   * @throws KernelRefusal with the kernel's errno when it would refuse the certificate
   */
  static ParsedCertificate parse(byte[] der) throws KernelRefusal {
    try {
      return walk(der.clone());
    } catch (Der.DerException e) {
      throw KernelRefusal.badMessage("the certificate", e);
    }
  }

  private static ParsedCertificate walk(byte[] der) throws Der.DerException, KernelRefusal {
    Builder b = new Builder();
    b.der = der;
    Der.Tlv certificate = Der.expect(Der.read(der, 0, der.length), Der.SEQUENCE, "certificate");
    List<Der.Tlv> parts = Der.children(der, certificate);
    if (parts.size() != 3) {
      throw new Der.DerException(certificate.start(), "certificate has " + parts.size()
          + " parts, not 3");
    }
    Der.Tlv tbsTlv = Der.expect(parts.get(0), Der.SEQUENCE, "tbsCertificate");
    b.tbs = tbsTlv.encoded(der);
    List<Der.Tlv> tbs = Der.children(der, tbsTlv);
    int at = 0;
    if (!tbs.isEmpty() && tbs.get(0).tag() == 0xa0) {
      at++; // [0] EXPLICIT version
    }
    if (tbs.size() < at + 6) {
      throw new Der.DerException(tbsTlv.start(), "tbsCertificate has too few fields");
    }
    b.rawSerial = Der.expect(tbs.get(at), Der.INTEGER, "serialNumber").content(der);
    String tbsSignature = algorithmOid(der, tbs.get(at + 1));
    String[] sigAlgo = KernelAlgorithms.certificateSignature(tbsSignature).orElseThrow(
        () -> new KernelRefusal(KernelErrno.ENOPKG, "the certificate is signed with algorithm "
            + tbsSignature + ", which the kernel does not support"));
    b.signatureKeyAlgorithm = sigAlgo[0];
    b.signatureHash = sigAlgo[1];
    Der.Tlv issuer = Der.expect(tbs.get(at + 2), Der.SEQUENCE, "issuer");
    b.rawIssuer = issuer.content(der);
    Der.expect(tbs.get(at + 3), Der.SEQUENCE, "validity");
    Der.Tlv subject = Der.expect(tbs.get(at + 4), Der.SEQUENCE, "subject");
    b.rawSubject = subject.content(der);
    b.subject = KernelNames.fabricate(der, subject);
    readPublicKey(der, Der.expect(tbs.get(at + 5), Der.SEQUENCE, "subjectPublicKeyInfo"), b);
    for (int i = at + 6; i < tbs.size(); i++) {
      if (tbs.get(i).tag() == 0xa3) {
        readExtensions(der, tbs.get(i), b);
      }
    }
    String outerSignature = algorithmOid(der, parts.get(1));
    if (!outerSignature.equals(tbsSignature)) {
      throw new KernelRefusal(KernelErrno.EINVAL, "signatureAlgorithm (" + outerSignature
          + ") differs from tbsCertificate.signature (" + tbsSignature + ")");
    }
    Der.Tlv bits = Der.expect(parts.get(2), Der.BIT_STRING, "signature");
    if (bits.contentLength() < 1 || der[bits.contentStart()] != 0) {
      throw new Der.DerException(bits.start(), "signature BIT STRING has unused bits");
    }
    b.signature = Arrays.copyOfRange(der, bits.contentStart() + 1, bits.contentEnd());
    return new ParsedCertificate(b);
  }

  private static String algorithmOid(byte[] der, Der.Tlv algorithm) throws Der.DerException {
    List<Der.Tlv> fields = Der.children(der, Der.expect(algorithm, Der.SEQUENCE, "algorithm"));
    if (fields.isEmpty()) {
      throw new Der.DerException(algorithm.start(), "empty AlgorithmIdentifier");
    }
    return Der.oid(der, fields.get(0));
  }

  private static void readPublicKey(byte[] der, Der.Tlv spki, Builder b)
      throws Der.DerException, KernelRefusal {
    List<Der.Tlv> fields = Der.children(der, spki);
    if (fields.size() != 2) {
      throw new Der.DerException(spki.start(), "subjectPublicKeyInfo has " + fields.size()
          + " fields");
    }
    List<Der.Tlv> algorithm =
        Der.children(der, Der.expect(fields.get(0), Der.SEQUENCE, "key algorithm"));
    String keyOid = Der.oid(der, algorithm.get(0));
    String jcaName;
    if (KernelAlgorithms.RSA_ENCRYPTION.equals(keyOid)) {
      b.keyAlgorithm = "rsa";
      jcaName = "RSA";
    } else if (KernelAlgorithms.EC_PUBLIC_KEY.equals(keyOid) && algorithm.size() > 1
        && algorithm.get(1).tag() == Der.OID) {
      String curve = Der.oid(der, algorithm.get(1));
      b.keyAlgorithm = KernelAlgorithms.curve(curve).orElseThrow(() -> new KernelRefusal(
          KernelErrno.ENOPKG, "the certificate's key is on curve " + curve
              + ", which the kernel does not support"));
      jcaName = "EC";
    } else {
      throw new KernelRefusal(KernelErrno.ENOPKG, "the certificate's key algorithm " + keyOid
          + " is not one rdmaforge can check (RSA or ECDSA on NIST P-192/P-256/P-384)");
    }
    Der.Tlv key = Der.expect(fields.get(1), Der.BIT_STRING, "subjectPublicKey");
    if (key.contentLength() < 1 || der[key.contentStart()] != 0) {
      throw new Der.DerException(key.start(), "public key BIT STRING has unused bits");
    }
    try {
      b.publicKey = KeyFactory.getInstance(jcaName)
          .generatePublic(new X509EncodedKeySpec(spki.encoded(der)));
    } catch (GeneralSecurityException e) {
      throw new KernelRefusal(KernelErrno.EBADMSG, "the certificate's public key cannot be"
          + " decoded: " + e.getMessage());
    }
  }

  private static void readExtensions(byte[] der, Der.Tlv wrapper, Builder b)
      throws Der.DerException {
    for (Der.Tlv list : Der.children(der, wrapper)) {
      for (Der.Tlv extension : Der.children(der, Der.expect(list, Der.SEQUENCE, "extensions"))) {
        List<Der.Tlv> fields = Der.children(der, Der.expect(extension, Der.SEQUENCE, "extension"));
        String oid = Der.oid(der, fields.get(0));
        Der.Tlv value =
            Der.expect(fields.get(fields.size() - 1), Der.OCTET_STRING, "extension value");
        if (KernelAlgorithms.SUBJECT_KEY_IDENTIFIER.equals(oid)) {
          int v = value.contentStart();
          int length = value.contentLength();
          // x509_process_extension: one OCTET STRING with a short-form length, exactly.
          if (b.skid != null || length < 3 || der[v] != Der.OCTET_STRING
              || (der[v + 1] & 0xff) != length - 2) {
            throw new Der.DerException(value.start(), "malformed subjectKeyIdentifier");
          }
          b.skid = Arrays.copyOfRange(der, v + 2, value.contentEnd());
        } else if (KernelAlgorithms.AUTHORITY_KEY_IDENTIFIER.equals(oid)) {
          readAuthorityKeyId(der, value, b);
        }
      }
    }
  }

  /** {@code x509_akid_note_kid / _name / _serial}: the ids of the certificate's issuer key. */
  private static void readAuthorityKeyId(byte[] der, Der.Tlv value, Builder b)
      throws Der.DerException {
    Der.Tlv akid = Der.expect(Der.read(der, value.contentStart(), value.contentEnd()),
        Der.SEQUENCE, "authorityKeyIdentifier");
    byte[] issuer = null;
    for (Der.Tlv field : Der.children(der, akid)) {
      if (field.tag() == 0x80 && b.authId1 == null) {
        b.authId1 = field.content(der);
      } else if (field.tag() == 0xa1) {
        for (Der.Tlv name : Der.children(der, field)) {
          if (name.tag() == 0xa4) {
            Der.Tlv inner = Der.read(der, name.contentStart(), name.contentEnd());
            issuer = inner.content(der);
          }
        }
      } else if (field.tag() == 0x82 && issuer != null && b.authId0 == null) {
        b.authId0 = concat(field.content(der), issuer);
      }
    }
  }

  /** {@code x509_check_for_self_signed}. */
  private boolean checkSelfSigned(byte[] rawSubject) throws KernelRefusal {
    if (!Arrays.equals(rawSubject, rawIssuer)) {
      return false;
    }
    if (authId0 != null || authId1 != null) {
      boolean a = skid != null && authId1 != null && Arrays.equals(skid, authId1);
      boolean b = authId0 != null && Arrays.equals(id, authId0);
      if (!a && !b) {
        return false;
      }
      if (a != b && authId0 != null && authId1 != null) {
        throw new KernelRefusal(KernelErrno.EKEYREJECTED, "the certificate's authority key id"
            + " names itself only in part");
      }
    }
    byte[] digest;
    try {
      String jca = KernelAlgorithms.jcaDigest(signatureHash).orElse(null);
      if (jca == null) {
        return false; // unsupported_sig: kept, but not known to be self-signed
      }
      digest = MessageDigest.getInstance(jca).digest(tbs);
    } catch (GeneralSecurityException e) {
      return false;
    }
    KernelErrno error = PublicKeyVerifier.verify(
        publicKey, keyAlgorithm, signatureKeyAlgorithm, signatureHash, digest, signature);
    if (error == KernelErrno.ENOPKG) {
      return false;
    }
    if (error != null) {
      throw new KernelRefusal(error, "the certificate is self-signed but its signature does not"
          + " verify with its own key");
    }
    return true;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  byte[] der() {
    return der.clone();
  }

  /** The subject the kernel fabricates (what {@code /proc/keys} shows before the key id). */
  String subject() {
    return subject;
  }

  /** The serial number's content octets (a leading 0x00 kept when the encoding has one). */
  byte[] rawSerial() {
    return rawSerial.clone();
  }

  /** The subject key identifier, or null. */
  byte[] skid() {
    return skid == null ? null : skid.clone();
  }

  /** {@code cert->id}: serial content octets followed by the issuer Name's content octets. */
  byte[] id() {
    return id.clone();
  }

  /** The authority key id as issuer+serial ({@code sig->auth_ids[0]}), or null. */
  byte[] authId0() {
    return authId0 == null ? null : authId0.clone();
  }

  /** The authority key id's keyIdentifier ({@code sig->auth_ids[1]}), or null. */
  byte[] authId1() {
    return authId1 == null ? null : authId1.clone();
  }

  /** The kernel's key algorithm name: {@code rsa}, {@code ecdsa-nist-p256}, ... */
  String keyAlgorithm() {
    return keyAlgorithm;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  /** The kernel's description of the key: {@code "<subject>: <skid or serial in hex>"}. */
  String description() {
    return subject + ": " + Hex.lower(skid != null ? skid : rawSerial);
  }

  boolean selfSigned() {
    return selfSigned;
  }

  /** This certificate's own signature, for checking it with its issuer's key. */
  String signatureKeyAlgorithm() {
    return signatureKeyAlgorithm;
  }

  String signatureHash() {
    return signatureHash;
  }

  byte[] tbs() {
    return tbs.clone();
  }

  byte[] signature() {
    return signature.clone();
  }

  @Override
  public String toString() {
    return description();
  }
}
