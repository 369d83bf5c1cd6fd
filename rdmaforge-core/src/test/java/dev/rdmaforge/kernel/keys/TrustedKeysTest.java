package dev.rdmaforge.kernel.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rdmaforge.report.UserInputException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys a user adds with --trusted-cert, and how the kernel names them. */
class TrustedKeysTest {
  private static TestSigning mok;
  private static TestSigning vendor;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    mok = TestSigning.rsa("O=Example HPC Site, CN=Cluster MOK", 0x1234);
    vendor = TestSigning.rsa(
        "O=Mellanox Technologies Ltd, CN=Mellanox Technologies signing key", 0x0bcd);
  }

  private static String pem(byte[] der) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  @DisplayName("the kernel's key description: 'O: CN' unless the CN starts with the O (or its"
      + " first 7 characters), then the subject key id in hex")
  void description_fabricatedLikeTheKernel() throws Exception {
    TrustedKeys keys = TrustedKeys.builder().add(mok.certificate(), "file MOK.der")
        .add(vendor.certificate(), "file mlnx.der").build();

    assertThat(keys.keys()).extracting(TrustedKey::description).containsExactly(
        "Example HPC Site: Cluster MOK: " + Hex.lower(mok.subjectKeyId()),
        "Mellanox Technologies signing key: " + Hex.lower(vendor.subjectKeyId()));
    TrustedKey first = keys.keys().get(0);
    assertThat(first.serial()).isEqualTo("12:34");
    assertThat(first.keyType()).isEqualTo("rsa 2048");
    assertThat(first.origin()).isEqualTo("file MOK.der");
    assertThat(first.subjectKeyId()).hasValue(Hex.lower(mok.subjectKeyId()));
    assertThat(first.toString()).isEqualTo("'" + first.description() + "' (rsa 2048, file"
        + " MOK.der)");
  }

  @Test
  @DisplayName("a PEM bundle with a private key block and two certificates; a DER list")
  void addCertificates_pemBundleAndDerList() throws Exception {
    Path bundle = Files.writeString(dir.resolve("bundle.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + "AAAA\n-----END PRIVATE KEY-----\n" + pem(mok.certificate()) + pem(vendor.certificate()));
    byte[] list = ParsedCertificate.concat(mok.certificate(), vendor.certificate());
    Path der = Files.write(dir.resolve("keys.x509"), list);

    TrustedKeys fromPem = TrustedKeys.builder().addCertificates(bundle).build();
    TrustedKeys fromDer = TrustedKeys.builder().addCertificates(der).build();

    assertThat(fromPem.keys()).extracting(TrustedKey::origin).containsExactly(
        "file " + bundle + " (certificate 1 of 2)", "file " + bundle + " (certificate 2 of 2)");
    assertThat(fromDer.keys()).extracting(TrustedKey::subject)
        .containsExactly("Example HPC Site: Cluster MOK", "Mellanox Technologies signing key");
  }

  @Test
  @DisplayName("a MOK directory: MOK.der and MOK.pem read, MOK.priv left alone, repeats ignored")
  void addCertificates_directory_readsCertificateFilesOnly() throws Exception {
    Path mokDir = Files.createDirectory(dir.resolve("mok"));
    Files.write(mokDir.resolve("MOK.der"), mok.certificate());
    Files.writeString(mokDir.resolve("MOK.pem"), pem(mok.certificate()));
    Files.writeString(mokDir.resolve("vendor.crt"), pem(vendor.certificate()));
    Files.writeString(mokDir.resolve("MOK.priv"), "-----BEGIN PRIVATE KEY-----\nAA\n"
        + "-----END PRIVATE KEY-----\n");

    TrustedKeys keys = TrustedKeys.builder().addCertificates(mokDir).build();

    assertThat(keys.keys()).extracting(TrustedKey::origin)
        .containsExactly("file " + mokDir.resolve("MOK.der"), "file " + mokDir.resolve(
            "vendor.crt"));
  }

  @Test
  @DisplayName("bad --trusted-cert inputs name the file and the place")
  void addCertificates_badFiles_userErrors() throws Exception {
    Path key = Files.writeString(dir.resolve("MOK.priv"), "-----BEGIN PRIVATE KEY-----\nAA\n"
        + "-----END PRIVATE KEY-----\n");
    Path badBase64 = Files.writeString(dir.resolve("bad.pem"),
        "# exported\n-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n");
    Path truncated = Files.writeString(dir.resolve("cut.pem"),
        "\n\n-----BEGIN CERTIFICATE-----\nMIIB\n");
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate");
    Path halfDer = Files.write(dir.resolve("half.der"),
        java.util.Arrays.copyOf(mok.certificate(), 200));
    Path empty = Files.createDirectory(dir.resolve("empty"));

    assertThatThrownBy(() -> TrustedKeys.builder().addCertificates(key))
        .isInstanceOf(UserInputException.class)
        .hasMessage(key + ": no CERTIFICATE block (found PRIVATE KEY); give the certificate (for"
            + " MOK, MOK.der or MOK.pem), not the key");
    assertThatThrownBy(() -> TrustedKeys.builder().addCertificates(badBase64))
        .hasMessageStartingWith(badBase64 + ":2: the CERTIFICATE block is not valid base64");
    assertThatThrownBy(() -> TrustedKeys.builder().addCertificates(truncated))
        .hasMessageStartingWith(truncated + ":3: the BEGIN CERTIFICATE block has no");
    assertThatThrownBy(() -> TrustedKeys.builder().addCertificates(text))
        .hasMessageStartingWith(text + ": byte 0: neither PEM");
    assertThatThrownBy(() -> TrustedKeys.builder().addCertificates(halfDer))
        .hasMessageStartingWith(halfDer + ": byte 0: not a DER certificate");
    assertThatThrownBy(() -> TrustedKeys.builder().addCertificates(empty))
        .hasMessageStartingWith(empty + ": no certificate files");
  }

  @Test
  @DisplayName("an Ed25519 certificate is X.509 but the kernel cannot load it: skipped, with why")
  void add_unsupportedAlgorithm_skipped() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    X500Name name = new X500Name("CN=ed25519 test");
    byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(0),
        new Date(86_400_000L), name, ed.getPublic())
        .build(new JcaContentSignerBuilder("Ed25519").build(ed.getPrivate())).getEncoded();
    Path file = Files.write(dir.resolve("ed.der"), der);

    TrustedKeys keys = TrustedKeys.builder().addCertificates(file).build();

    assertThat(keys.keys()).isEmpty();
    assertThat(keys.skipped()).singleElement().satisfies(skipped -> {
      assertThat(skipped.origin()).isEqualTo("file " + file);
      assertThat(skipped.errno()).isEqualTo(KernelErrno.ENOPKG);
      assertThat(skipped.reason()).contains("1.3.101.112");
    });
  }

  @Test
  @DisplayName("a self-signed certificate whose signature is broken is refused, as the kernel"
      + " refuses it")
  void add_brokenSelfSignature_skipped() throws Exception {
    byte[] der = mok.certificate();
    der[der.length - 5] ^= 1;

    TrustedKeys keys = TrustedKeys.builder().add(der, "file broken.der").build();

    assertThat(keys.keys()).isEmpty();
    assertThat(keys.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("self-signed"));
  }

  @Test
  @DisplayName("keys are found by issuer+serial and by subject key id, first added first")
  void find_byEitherId() throws Exception {
    TrustedKeys keys = TrustedKeys.builder().add(mok.certificate(), "a")
        .add(vendor.certificate(), "b").build();
    ParsedCertificate vendorCertificate = ParsedCertificate.parse(vendor.certificate());

    assertThat(keys.find(vendorCertificate.id(), null).key().origin()).isEqualTo("b");
    assertThat(keys.find(vendor.subjectKeyId(), null).key().origin()).isEqualTo("b");
    assertThat(keys.find(vendorCertificate.id(), mok.subjectKeyId()).rejected()).isTrue();
    assertThat(keys.find(new byte[] {1, 2, 3}, null).found()).isFalse();
  }
}
