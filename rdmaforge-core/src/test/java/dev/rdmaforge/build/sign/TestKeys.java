package dev.rdmaforge.build.sign;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A signing key made by a test, written as {@code sign-file} takes it: the private key as PEM and
 * the self-signed certificate as DER, like the kernel's {@code certs/signing_key.{pem,x509}}.
 */
public record TestKeys(Path key, Path certificate, KeyPair pair) {

  /** A new 2048-bit RSA key for {@code cn}, written as {@code NAME.pem} and {@code NAME.x509}. */
  public static TestKeys rsa(Path dir, String name, String cn) throws IOException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      X500Name subject = new X500Name("CN=" + cn);
      X509CertificateHolder cert = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
          new Date(0), new Date(4_102_444_800_000L), subject, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
        w.writeObject(pair.getPrivate());
      }
      Path key = Files.writeString(dir.resolve(name + ".pem"), pem.toString());
      Path der = Files.write(dir.resolve(name + ".x509"), cert.getEncoded());
      return new TestKeys(key, der, pair);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
