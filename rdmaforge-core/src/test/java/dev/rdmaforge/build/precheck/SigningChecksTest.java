package dev.rdmaforge.build.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.sign.TestKeys;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.stack.KernelInputs;
import dev.rdmaforge.stack.SigningSpec;
import dev.rdmaforge.stack.TargetKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing refusals that save a build whose modules no node would load: a MOK certificate
 * given with another key, sha512 for a kernel built with only SHA-256 (Debian 12's config has
 * CONFIG_MODULE_SIG_SHA256=y and CONFIG_CRYPTO_SHA512=m), headers without sign-file; and the note
 * that a site key must be enrolled with mokutil.
 */
class SigningChecksTest {
  private static final String DEBIAN_LIKE = """
      CONFIG_MODULE_SIG=y
      # CONFIG_MODULE_SIG_SHA1 is not set
      CONFIG_MODULE_SIG_SHA256=y
      # CONFIG_MODULE_SIG_SHA512 is not set
      CONFIG_MODULE_SIG_HASH="sha256"
      CONFIG_CRYPTO_SHA256=y
      CONFIG_CRYPTO_SHA512=m
      """;

  @TempDir Path dir;

  private KernelInputs kernel(String config, boolean signFile) throws IOException {
    Path h = Files.createDirectories(dir.resolve("headers"));
    Files.writeString(h.resolve(".config"), config);
    Files.writeString(h.resolve("Module.symvers"), "");
    if (signFile) {
      Path tool = Files.createDirectories(h.resolve("scripts")).resolve("sign-file");
      Files.writeString(tool, "#!/bin/sh\n");
      Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    // A release no linux-kbuild directory exists for, so only the headers' sign-file counts.
    TargetKernel t = new TargetKernel("99.1.0-1-amd64", h, TargetKernel.HeadersForm.DIRECTORY,
        Optional.empty(), Optional.empty(), Optional.empty(), Location.at("stack.yaml", 3, 5));
    return new KernelInputs(t, h, h.resolve("Module.symvers"), h.resolve(".config"),
        Optional.empty());
  }

  private List<KernelFinding> run(SigningSpec spec, KernelInputs k) {
    List<KernelFinding> out = new ArrayList<>();
    SigningChecks.check(spec, List.of(k), out);
    return out;
  }

  private static List<String> rules(List<KernelFinding> findings) {
    return findings.stream().map(f -> f.finding().rule()).toList();
  }

  @Test
  void aGoodKeyForASha256Kernel_onlyNotesTheEnrolment() throws Exception {
    TestKeys k = TestKeys.rsa(dir, "site", "site module key");
    List<KernelFinding> out = run(new SigningSpec(k.key(), k.certificate(), "sha256"),
        kernel(DEBIAN_LIKE, true));
    assertThat(rules(out)).containsExactly(SigningChecks.NOT_TRUSTED);
    assertThat(out.get(0).finding().severity()).isEqualTo(Severity.INFO);
    assertThat(out.get(0).finding().message()).contains("CN=site module key")
        .contains("load only without enforcement");
    assertThat(out.get(0).finding().fix()).contains("mokutil --import " + k.certificate());
  }

  @Test
  void anotherKeysCertificate_isRefused() throws Exception {
    TestKeys a = TestKeys.rsa(dir, "a", "key a");
    TestKeys b = TestKeys.rsa(dir, "b", "key b");
    List<KernelFinding> out = run(new SigningSpec(a.key(), b.certificate(), "sha256"),
        kernel(DEBIAN_LIKE, true));
    assertThat(rules(out)).contains(SigningChecks.MISMATCH);
    assertThat(out.stream().filter(KernelFinding::isError).toList()).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains(a.key().toString())
            .contains("does not belong to the certificate " + b.certificate()));
  }

  @Test
  void sha512OnAKernelWithSha512AsAModule_isRefusedAtTheConfigLine() throws Exception {
    TestKeys k = TestKeys.rsa(dir, "site", "site key");
    List<KernelFinding> out = run(new SigningSpec(k.key(), k.certificate(), "sha512"),
        kernel(DEBIAN_LIKE, true));
    KernelFinding f = out.stream().filter(x -> x.finding().rule().equals(SigningChecks.HASH))
        .findFirst().orElseThrow();
    assertThat(f.finding().location().line()).isEqualTo(7);
    assertThat(f.finding().fix()).isEqualTo("use `hash: sha256` (the kernel's"
        + " CONFIG_MODULE_SIG_HASH)");
  }

  @Test
  void headersWithoutSignFile_areRefusedWithTheFix() throws Exception {
    TestKeys k = TestKeys.rsa(dir, "site", "site key");
    List<KernelFinding> out = run(new SigningSpec(k.key(), k.certificate(), "sha256"),
        kernel(DEBIAN_LIKE, false));
    KernelFinding f = out.stream().filter(KernelFinding::isError).findFirst().orElseThrow();
    assertThat(f.finding().rule()).isEqualTo(SigningChecks.NO_SIGN_FILE);
    assertThat(f.finding().message()).contains("/scripts/sign-file or"
        + " /usr/lib/linux-kbuild-99.1/scripts/sign-file");
    assertThat(f.finding().fix()).contains("linux-kbuild-99.1");
  }

  @Test
  void anUnreadableKey_isRefused() throws Exception {
    TestKeys k = TestKeys.rsa(dir, "site", "site key");
    Path notKey = Files.writeString(dir.resolve("key.pem"), "not a key\n");
    List<KernelFinding> out = run(new SigningSpec(notKey, k.certificate(), "sha256"),
        kernel(DEBIAN_LIKE, true));
    assertThat(out.stream().filter(KernelFinding::isError).map(f -> f.finding().rule()))
        .containsExactly(SigningChecks.UNREADABLE);
  }
}
