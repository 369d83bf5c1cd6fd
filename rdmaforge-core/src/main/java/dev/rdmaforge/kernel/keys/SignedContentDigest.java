package dev.rdmaforge.kernel.keys;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything the kernel works out about a module's signature before it looks at its keyring: the
 * trailer checks of {@code mod_check_sig}, the parsed PKCS#7 message, the checks of {@code
 * pkcs7_verify} that need no trusted key, and the hash of the signed bytes (the expensive part, one
 * pass over the module). {@link ModuleSignatureVerifier#verify(SignedContentDigest, TrustedKeys)}
 * finishes the job without the module's bytes.
 *
 * <p>It depends only on the module's bytes, so a caller may keep {@link #toBytes()} next to other
 * facts about the file (keyed by the file's identity) and rebuild it with {@link #fromBytes}
 * instead of hashing the module again. The encoding is a few hundred bytes: the 12-byte {@code
 * struct module_signature}, the PKCS#7 message and the digests.
 */
public final class SignedContentDigest {
  /** {@code MODULE_SIG_STRING}. */
  static final byte[] MARKER = "~Module signature appended~\n".getBytes(StandardCharsets.US_ASCII);
  private static final int STRUCT_SIZE = 12;
  private static final int ID_PKCS7 = 2;
  private static final byte[] MAGIC = {'R', 'F', 'S', 'D'};
  private static final int VERSION = 1;

  private final boolean marker;
  private final long moduleLength;
  private final byte[] struct;
  private final byte[] pkcs7;
  private final Map<String, byte[]> digests;
  private final SignatureVerdict early;
  private final Pkcs7Message message;
  private final List<ParsedCertificate> signerCertificates;
  private final Map<ParsedCertificate, ParsedCertificate> issuers;
  private final List<Boolean> unsupported;

  private SignedContentDigest(Analysis a) {
    this.marker = a.marker;
    this.moduleLength = a.moduleLength;
    this.struct = a.struct;
    this.pkcs7 = a.pkcs7;
    this.digests = Collections.unmodifiableMap(new TreeMap<>(a.digests));
    this.early = a.early;
    this.message = a.message;
    this.signerCertificates = Collections.unmodifiableList(a.signerCertificates);
    this.issuers = a.issuers;
    this.unsupported = List.copyOf(a.unsupported);
  }

  /** The facts gathered so far; mutable while analysing. */
  private static final class Analysis {
    boolean marker;
    long moduleLength;
    byte[] struct = new byte[0];
    byte[] pkcs7 = new byte[0];
    Map<String, byte[]> digests = new TreeMap<>();
    SignatureVerdict early;
    Pkcs7Message message;
    List<ParsedCertificate> signerCertificates = new ArrayList<>();
    Map<ParsedCertificate, ParsedCertificate> issuers = new java.util.IdentityHashMap<>();
    List<Boolean> unsupported = new ArrayList<>();
  }

  /**
   * Analyses a module image as {@code init_module} receives it (decompressed, signature included)
   * and hashes its signed part.
   */
  static SignedContentDigest compute(ByteBuffer image) {
    ByteBuffer bytes = image.slice();
    int length = bytes.remaining();
    Analysis a = new Analysis();
    a.marker = length > MARKER.length && endsWithMarker(bytes, length);
    a.moduleLength = a.marker ? length - MARKER.length : length;
    if (a.marker && a.moduleLength > STRUCT_SIZE) {
      int structAt = (int) a.moduleLength - STRUCT_SIZE;
      a.struct = new byte[STRUCT_SIZE];
      bytes.duplicate().position(structAt).get(a.struct);
      long sigLength = be32(a.struct);
      if (sigLength < a.moduleLength - STRUCT_SIZE) {
        a.pkcs7 = new byte[(int) sigLength];
        bytes.duplicate().position(structAt - (int) sigLength).get(a.pkcs7);
      }
    }
    int contentLength = (int) Math.max(0, a.moduleLength - STRUCT_SIZE - a.pkcs7.length);
    analyse(a, hash -> ContentDigests.digest(hash, bytes, 0, contentLength));
    return new SignedContentDigest(a);
  }

  /**
   * Rebuilds a digest from {@link #toBytes()}.
   *
   * @throws IllegalArgumentException when {@code encoded} is not such an encoding (a damaged
   *     cache entry: compute the digest again)
   */
  public static SignedContentDigest fromBytes(byte[] encoded) {
    Analysis a = new Analysis();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC) || in.readUnsignedByte() != VERSION) {
        throw new IllegalArgumentException("not a signed-content digest encoding");
      }
      a.marker = in.readBoolean();
      a.moduleLength = in.readLong();
      a.struct = readExactly(in, in.readUnsignedByte());
      a.pkcs7 = readExactly(in, in.readInt());
      int count = in.readUnsignedByte();
      Map<String, byte[]> stored = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        String name = new String(readExactly(in, in.readUnsignedByte()), StandardCharsets.US_ASCII);
        stored.put(name, readExactly(in, in.readUnsignedByte()));
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes after a signed-content digest");
      }
      analyse(a, hash -> {
        byte[] digest = stored.get(hash);
        if (digest == null) {
          throw new IllegalArgumentException("the encoding lacks the " + hash + " digest");
        }
        return digest.clone();
      });
    } catch (IOException | RuntimeException e) {
      throw e instanceof IllegalArgumentException iae ? iae
          : new IllegalArgumentException("damaged signed-content digest encoding", e);
    }
    return new SignedContentDigest(a);
  }

  private static byte[] readExactly(DataInputStream in, int length) throws IOException {
    if (length < 0 || length > (1 << 20)) {
      throw new IOException("implausible length " + length);
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("truncated");
    }
    return bytes;
  }

  /** A compact encoding of this digest, for {@link #fromBytes}. */
  public byte[] toBytes() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + pkcs7.length);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeBoolean(marker);
      out.writeLong(moduleLength);
      out.writeByte(struct.length);
      out.write(struct);
      out.writeInt(pkcs7.length);
      out.write(pkcs7);
      out.writeByte(digests.size());
      for (Map.Entry<String, byte[]> entry : digests.entrySet()) {
        byte[] name = entry.getKey().getBytes(StandardCharsets.US_ASCII);
        out.writeByte(name.length);
        out.write(name);
        out.writeByte(entry.getValue().length);
        out.write(entry.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return buffer.toByteArray();
  }

  private static boolean endsWithMarker(ByteBuffer bytes, int length) {
    for (int i = 0; i < MARKER.length; i++) {
      if (bytes.get(length - MARKER.length + i) != MARKER[i]) {
        return false;
      }
    }
    return true;
  }

  private static long be32(byte[] struct) {
    return (struct[8] & 0xffL) << 24 | (struct[9] & 0xffL) << 16 | (struct[10] & 0xffL) << 8
        | (struct[11] & 0xffL);
  }

  /** {@code module_sig_check} up to {@code pkcs7_verify}, in the kernel's order. */
  private static void analyse(Analysis a, Function<String, byte[]> digester) {
    if (!a.marker) {
      a.early = verdict(SignatureOutcome.UNSIGNED, KernelErrno.ENODATA, "", "the module has no"
          + " signature (no \"~Module signature appended~\" marker at its end)", null);
      return;
    }
    if (a.moduleLength <= STRUCT_SIZE) {
      a.early = verdict(SignatureOutcome.MALFORMED, KernelErrno.EBADMSG, "", "the signature"
          + " marker is not preceded by a struct module_signature", null);
      return;
    }
    long sigLength = be32(a.struct);
    if (sigLength >= a.moduleLength - STRUCT_SIZE) {
      a.early = verdict(SignatureOutcome.MALFORMED, KernelErrno.EBADMSG, "", "the signature"
          + " length in struct module_signature (" + sigLength + ") is larger than the module",
          null);
      return;
    }
    if (a.struct[2] != ID_PKCS7) {
      a.early = verdict(SignatureOutcome.UNSUPPORTED_CRYPTO, KernelErrno.ENOPKG, "", "the"
          + " signature is not a PKCS#7 message (id_type " + a.struct[2] + "; the kernel's"
          + " sign-file writes 2)", "module: not signed with expected PKCS#7 message");
      return;
    }
    for (int i : new int[] {0, 1, 3, 4, 5, 6, 7}) {
      if (a.struct[i] != 0) {
        a.early = verdict(SignatureOutcome.MALFORMED, KernelErrno.EBADMSG, "", "struct"
            + " module_signature has non-zero algo/hash/signer/key-id fields, which a PKCS#7"
            + " signature leaves zero",
            "module: PKCS#7 signature info has unexpected non-zero params");
        return;
      }
    }
    Pkcs7Message message;
    try {
      message = Pkcs7Message.parse(a.pkcs7);
    } catch (KernelRefusal refusal) {
      a.early = refused(refusal, "");
      return;
    }
    a.message = message;
    String signer = message.signers().get(0).signerText();
    if (message.hasData()) {
      a.early = verdict(SignatureOutcome.MALFORMED, KernelErrno.EBADMSG, signer, "the PKCS#7"
          + " message carries its content; a module signature must be detached",
          "PKCS#7 signature with non-detached data");
      return;
    }
    if (!KernelAlgorithms.DATA.equals(message.dataType())) {
      a.early = verdict(SignatureOutcome.REJECTED, KernelErrno.EKEYREJECTED, signer, "the PKCS#7"
          + " content type is not data", "PKCS7: Invalid module sig (not pkcs7-data)");
      return;
    }
    if (message.haveAuthattrs()) {
      a.early = verdict(SignatureOutcome.REJECTED, KernelErrno.EKEYREJECTED, signer, "the"
          + " signature carries signed attributes, which the kernel refuses for modules: sign"
          + " without them (sign-file does; openssl cms needs -noattr)",
          "PKCS7: Invalid module sig (has authattrs)");
      return;
    }
    verifyInMessage(a, digester);
  }

  /** {@code pkcs7_verify}: digests, and signatures by certificates the message itself carries. */
  private static void verifyInMessage(Analysis a, Function<String, byte[]> digester) {
    Pkcs7Message message = a.message;
    boolean anySupported = false;
    for (Pkcs7Message.Signer signer : message.signers()) {
      byte[] digest = a.digests.get(signer.hash());
      if (digest == null) {
        digest = digester.apply(signer.hash());
        a.digests.put(signer.hash(), digest);
      }
      ParsedCertificate certificate = null;
      for (ParsedCertificate candidate : message.certificates()) {
        if (Arrays.equals(candidate.id(), signer.authId0())) {
          certificate = candidate;
          break;
        }
      }
      a.signerCertificates.add(certificate);
      boolean unsupported = false;
      if (certificate != null) {
        KernelErrno error = PublicKeyVerifier.verify(certificate.publicKey(),
            certificate.keyAlgorithm(), signer.keyAlgorithm(), signer.hash(), digest,
            signer.signature());
        if (error == KernelErrno.ENOPKG) {
          unsupported = true;
        } else if (error != null) {
          a.early = refused(new KernelRefusal(error, "the signature does not verify with the"
              + " certificate the message itself carries ('" + certificate.description()
              + "'): the module was changed after signing"), signer.signerText());
          return;
        } else {
          KernelRefusal chainError = linkChain(a, certificate);
          if (chainError != null) {
            a.early = refused(chainError, signer.signerText());
            return;
          }
        }
      }
      a.unsupported.add(unsupported);
      anySupported |= !unsupported;
    }
    if (!anySupported) {
      a.early = verdict(SignatureOutcome.UNSUPPORTED_CRYPTO, KernelErrno.ENOPKG,
          message.signers().get(0).signerText(), "no signature uses an algorithm the kernel"
              + " can check", null);
    }
  }

  /**
   * {@code pkcs7_verify_sig_chain}: links each certificate of the message to the one in the
   * message that signed it, checking those signatures; stops at a self-signed one or one whose
   * issuer the message lacks.
   */
  private static KernelRefusal linkChain(Analysis a, ParsedCertificate signer) {
    ParsedCertificate x509 = signer;
    List<ParsedCertificate> seen = new ArrayList<>();
    while (true) {
      seen.add(x509);
      if (x509.selfSigned()) {
        a.issuers.put(x509, x509);
        return null;
      }
      ParsedCertificate issuer = null;
      byte[] auth0 = x509.authId0();
      byte[] auth1 = x509.authId1();
      for (ParsedCertificate p : a.message.certificates()) {
        if (auth0 != null ? Arrays.equals(p.id(), auth0)
            : auth1 != null && p.skid() != null && Arrays.equals(p.skid(), auth1)) {
          issuer = p;
          break;
        }
      }
      if (issuer == null) {
        return null;
      }
      if (auth0 != null && auth1 != null && !Arrays.equals(issuer.skid(), auth1)) {
        return new KernelRefusal(KernelErrno.EKEYREJECTED, "a certificate in the message names"
            + " its issuer inconsistently (PKCS7: X.509 chain contains auth-skid nonmatch)");
      }
      if (seen.contains(issuer)) {
        return null;
      }
      KernelErrno error = verifyCertificate(issuer, x509);
      if (error != null) {
        return new KernelRefusal(error, "certificate '" + x509.description() + "' in the"
            + " message does not verify with its issuer '" + issuer.description() + "'");
      }
      a.issuers.put(x509, issuer);
      x509 = issuer;
    }
  }

  /** Checks {@code subject}'s own signature with {@code issuer}'s key. */
  static KernelErrno verifyCertificate(ParsedCertificate issuer, ParsedCertificate subject) {
    byte[] digest = ContentDigests.digest(subject.signatureHash(), subject.tbs());
    if (digest == null) {
      return KernelErrno.ENOPKG;
    }
    return PublicKeyVerifier.verify(issuer.publicKey(), issuer.keyAlgorithm(),
        subject.signatureKeyAlgorithm(), subject.signatureHash(), digest, subject.signature());
  }

  private static SignatureVerdict refused(KernelRefusal refusal, String signer) {
    SignatureOutcome outcome;
    switch (refusal.errno()) {
      case ENOPKG:
        outcome = SignatureOutcome.UNSUPPORTED_CRYPTO;
        break;
      case EKEYREJECTED:
        outcome = SignatureOutcome.REJECTED;
        break;
      case ENOKEY:
        outcome = SignatureOutcome.KEY_UNAVAILABLE;
        break;
      default:
        outcome = SignatureOutcome.MALFORMED;
        break;
    }
    String reason = refusal.getMessage();
    String log = null;
    int open = reason.lastIndexOf(" (PKCS7: ");
    if (open >= 0 && reason.endsWith(")")) {
      log = reason.substring(open + 2, reason.length() - 1);
      reason = reason.substring(0, open);
    }
    return verdict(outcome, refusal.errno(), signer, reason, log);
  }

  static SignatureVerdict verdict(SignatureOutcome outcome, KernelErrno errno, String signer,
      String detail, String kernelLog) {
    return new SignatureVerdict(outcome, Optional.ofNullable(errno), Optional.empty(), signer,
        detail, Optional.ofNullable(kernelLog));
  }

  /** The verdict when no trusted key is needed to reach it (unsigned, malformed, ...). */
  public Optional<SignatureVerdict> verdictWithoutKeys() {
    return Optional.ofNullable(early);
  }

  /**
   * How many leading bytes of the module the signature covers (the kernel's {@code info->len}
   * after the signature is cut off), or -1 when there is no usable signature trailer.
   */
  public long signedLength() {
    return pkcs7.length == 0 ? -1 : moduleLength - STRUCT_SIZE - pkcs7.length;
  }

  /** The content digests by the kernel's hash name, e.g. {@code sha256}. */
  public Map<String, byte[]> digests() {
    Map<String, byte[]> copy = new TreeMap<>();
    digests.forEach((name, digest) -> copy.put(name, digest.clone()));
    return copy;
  }

  Pkcs7Message message() {
    return message;
  }

  byte[] digest(String hash) {
    return digests.get(hash);
  }

  /** The certificate in the message that signed SignerInfo {@code index}, or null. */
  ParsedCertificate signerCertificate(int index) {
    return signerCertificates.get(index);
  }

  /** The certificate in the message that signed {@code certificate}, or null. */
  ParsedCertificate issuerInMessage(ParsedCertificate certificate) {
    return issuers.get(certificate);
  }

  /** Whether SignerInfo {@code index} uses crypto the kernel cannot check. */
  boolean unsupported(int index) {
    return unsupported.get(index);
  }

  @Override
  public String toString() {
    return "SignedContentDigest[" + (early != null ? early.toString()
        : message.signers().get(0).signerText() + ", " + digests.keySet()) + "]";
  }
}
