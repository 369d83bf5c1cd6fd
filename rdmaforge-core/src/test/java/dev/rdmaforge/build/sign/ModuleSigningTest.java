package dev.rdmaforge.build.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.store.StepKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step key of a signed rebuild: a site that rotates its module signing key (or its hash) must
 * get new packages, and the key text kept in the store must never hold the private key.
 */
class ModuleSigningTest {
  @TempDir Path dir;

  private static StepKey key(ModuleSigning s) {
    return s.addTo(StepKey.builder("rebuild-kernel-package").string("kernel.release", "6.1.0-56"))
        .build();
  }

  @Test
  void theKeyText_namesTheFilesByDigest_neverTheirBytes() throws Exception {
    TestKeys k = TestKeys.rsa(dir, "site", "site key");
    Path signFile = Files.writeString(dir.resolve("sign-file"), "tool");
    StepKey key = key(new ModuleSigning(signFile, k.key(), k.certificate(), "sha256"));
    String pem = Files.readString(k.key());
    String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    assertThat(key.canonicalText())
        .contains("signing.key file sha256:" + StepKey.sha256(k.key()))
        .contains("signing.certificate file sha256:" + StepKey.sha256(k.certificate()))
        .contains("signing.hash string sha256")
        .contains("signing.sign-file file sha256:" + StepKey.sha256(signFile))
        .contains("signing.hook string " + SignHook.scriptDigest())
        .doesNotContain(body);
  }

  @Test
  void anotherKeyOrHash_isAnotherStep() throws Exception {
    TestKeys a = TestKeys.rsa(dir, "a", "key a");
    TestKeys b = TestKeys.rsa(dir, "b", "key b");
    Path signFile = Files.writeString(dir.resolve("sign-file"), "tool");
    StepKey base = key(new ModuleSigning(signFile, a.key(), a.certificate(), "sha256"));
    assertThat(key(new ModuleSigning(signFile, a.key(), a.certificate(), "sha256")))
        .isEqualTo(base);
    assertThat(key(new ModuleSigning(signFile, b.key(), b.certificate(), "sha256")).hex())
        .isNotEqualTo(base.hex());
    assertThat(key(new ModuleSigning(signFile, a.key(), a.certificate(), "sha512")).hex())
        .isNotEqualTo(base.hex());
  }
}
