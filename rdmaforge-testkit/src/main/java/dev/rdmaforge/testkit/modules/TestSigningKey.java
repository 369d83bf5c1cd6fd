package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.BuildCache;
import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The test kit's module signing key: an RSA-2048 key and a self-signed X.509 certificate made once
 * with {@code openssl req} (the recipe of the kernel's {@code certs/Makefile} and of DKMS's MOK)
 * and kept in the module cache, so every run and every JVM signs with the same key. No Debian
 * kernel trusts it: a module signed with it stands for a DKMS or vendor module whose key was never
 * enrolled.
 *
 * @param privateKey the PEM private key ({@code signing_key.pem})
 * @param certificate the DER certificate ({@code signing_key.x509}), for {@code sign-file} and
 *     {@code --trusted-cert}
 */
public record TestSigningKey(Path privateKey, Path certificate) {

  /** The certificate's subject common name; {@code modinfo} shows it as {@code signer}. */
  public static final String SIGNER = "rdmaforge test key";

  private static final String SUBJECT = "/CN=" + SIGNER + "/";

  private static TestSigningKey cached;

  /** The key, made on first use and then taken from the cache. */
  public static synchronized TestSigningKey get() {
    if (cached == null) {
      cached = inCache(new BuildCache(DebianKernels.cacheDir().resolve("modules")));
    }
    return cached;
  }

  static TestSigningKey inCache(BuildCache cache) {
    String key =
        ModuleSources.sha256(("rsa:2048 sha256 " + SUBJECT).getBytes(StandardCharsets.UTF_8))
            .substring(0, 16);
    BuildCache.Entry entry = cache.entry("test-key", key, TestSigningKey::generate);
    return new TestSigningKey(
        entry.dir().resolve("signing_key.pem"), entry.dir().resolve("signing_key.x509"));
  }

  private static void generate(Path dir) {
    Path openssl = Tools.require("openssl", "openssl");
    Processes.runChecked(
        dir,
        List.of(
            openssl.toString(),
            "req",
            "-new",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "36500",
            "-sha256",
            "-subj",
            SUBJECT,
            "-outform",
            "DER",
            "-keyout",
            "signing_key.pem",
            "-out",
            "signing_key.x509"));
  }
}
