package dev.rdmaforge.build.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the stack's private key (PEM, as {@code sign-file} takes it: PKCS#8 or traditional RSA /
 * EC, unencrypted) and certificate (PEM or DER) and says whether they belong together, by signing
 * a fixed text with the key and verifying it with the certificate's public key.
 */
public final class SigningKeys {
  private static final byte[] PROBE =
      "rdmaforge signing key probe".getBytes(StandardCharsets.UTF_8);

  private SigningKeys() {}

  /** A problem with one of the files, naming it. */
  public static final class KeyProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final Path file;

    KeyProblem(Path file, String message, Throwable cause) {
      super(message, cause);
      this.file = file;
    }

    /** The file at fault. */
    public Path file() {
      return file;
    }
  }

  /** The certificate of {@code file}. */
  public static X509Certificate certificate(Path file) throws KeyProblem {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyProblem(file, file + " is not a readable X.509 certificate (PEM or DER): "
          + e.getMessage(), e);
    }
  }

  /** The certificate of DER bytes (a kernel's built-in key). */
  public static X509Certificate certificate(byte[] der) throws KeyProblem {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new KeyProblem(Path.of("-"), "not an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The private key of {@code file}. */
  public static PrivateKey privateKey(Path file) throws KeyProblem {
    Object o;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      o = p.readObject();
    } catch (IOException e) {
      throw new KeyProblem(file, file + " is not a readable PEM private key: " + e.getMessage(),
          e);
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new KeyProblem(file, file + ": unusable private key: " + e.getMessage(), e);
    }
    throw new KeyProblem(file, file + " holds no unencrypted PEM private key"
        + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"), null);
  }

  /**
   * Empty when the key made the certificate's public key; else why not (the two algorithms, or
   * that a signature by the key does not verify with the certificate).
   */
  public static Optional<String> mismatch(PrivateKey key, X509Certificate certificate) {
    String keyAlg = key.getAlgorithm();
    String certAlg = certificate.getPublicKey().getAlgorithm();
    if (!keyAlg.equals(certAlg)) {
      return Optional.of("the key is " + keyAlg + " but the certificate's key is " + certAlg);
    }
    String alg = switch (keyAlg) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      default -> null;
    };
    if (alg == null) {
      return Optional.of("key algorithm " + keyAlg + " is not one the kernel verifies (RSA, EC)");
    }
    try {
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(PROBE);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(certificate.getPublicKey());
      v.update(PROBE);
      return v.verify(sig) ? Optional.empty()
          : Optional.of("a signature by the key does not verify with the certificate ("
              + certificate.getSubjectX500Principal().getName() + ")");
    } catch (GeneralSecurityException e) {
      return Optional.of("the key cannot sign with " + alg + ": " + e.getMessage());
    }
  }
}
