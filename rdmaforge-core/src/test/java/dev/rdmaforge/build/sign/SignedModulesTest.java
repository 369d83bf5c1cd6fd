package dev.rdmaforge.build.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.kernel.keys.SignatureOutcome;
import dev.rdmaforge.kernel.keys.TrustedKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The after-build verification that catches a vendor spec which redefines __spec_install_post
 * (and so skips the signing hook): in an unpacked kmod package, a module signed by the stack's key
 * passes; an unsigned one and one signed by another key (say the vendor's) do not.
 */
class SignedModulesTest {
  private static final byte[] MAGIC = "~Module signature appended~\n"
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  /** The module {@code content} with the trailer sign-file appends: detached CMS, no attributes. */
  private static byte[] signed(byte[] content, TestKeys k) throws Exception {
    X509Certificate cert = SigningKeys.certificate(k.certificate());
    CMSSignedDataGenerator g = new CMSSignedDataGenerator();
    // As OpenSSL (and so sign-file) writes it: rsaEncryption as the SignerInfo's algorithm.
    g.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
        new JcaDigestCalculatorProviderBuilder().build(),
        alg -> new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE))
        .setDirectSignature(true)
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(k.pair().getPrivate()), cert));
    g.addCertificates(new JcaCertStore(List.of(cert)));
    byte[] sig = g.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(content);
    out.write(sig);
    // struct module_signature: algo, hash, id_type = PKEY_ID_PKCS7 (2), signer_len, key_id_len,
    // pad[3], be32 sig_len
    out.write(new byte[] {0, 0, 2, 0, 0, 0, 0, 0});
    out.write(ByteBuffer.allocate(4).putInt(sig.length).array());
    out.write(MAGIC);
    return out.toByteArray();
  }

  @Test
  void onlyModulesSignedByTheStacksKey_areValid() throws Exception {
    TestKeys site = TestKeys.rsa(dir, "site", "site key");
    TestKeys vendor = TestKeys.rsa(dir, "vendor", "vendor key");
    byte[] elf = Arrays.copyOf(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 4096);
    Path mods = Files.createDirectories(dir.resolve("pkg/lib/modules/6.1.0-56-amd64/extra"));
    Files.write(mods.resolve("a_signed.ko"), signed(elf, site));
    Files.write(mods.resolve("b_unsigned.ko"), elf);
    Files.write(mods.resolve("c_vendor.ko"), signed(elf, vendor));
    Files.write(mods.resolve("notes.txt"), elf);
    TrustedKeys keys = TrustedKeys.builder().addCertificates(site.certificate()).build();

    List<SignedModules.Checked> checked = SignedModules.checkTree("kmod-ofa-like.rpm",
        dir.resolve("pkg"), keys);

    assertThat(checked).extracting(SignedModules.Checked::module).containsExactly(
        "/lib/modules/6.1.0-56-amd64/extra/a_signed.ko",
        "/lib/modules/6.1.0-56-amd64/extra/b_unsigned.ko",
        "/lib/modules/6.1.0-56-amd64/extra/c_vendor.ko");
    assertThat(checked).as(checked.toString()).extracting(SignedModules.Checked::valid)
        .containsExactly(true, false,
        false);
    assertThat(checked.get(1).verdict().outcome()).isEqualTo(SignatureOutcome.UNSIGNED);
    assertThat(checked.get(2).verdict().outcome()).isEqualTo(SignatureOutcome.KEY_UNAVAILABLE);
  }
}
