package dev.rdmaforge.build.sign;

import dev.rdmaforge.build.store.StepKey;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How one step signs its modules: the kernel's {@code sign-file} and the stack's key.
 *
 * @param signFile the kernel's {@code scripts/sign-file}
 * @param key the private key (PEM)
 * @param certificate the X.509 certificate (PEM or DER) matching the key
 * @param hash the digest, one of {@link dev.rdmaforge.stack.SigningSpec#HASHES}
 */
public record ModuleSigning(Path signFile, Path key, Path certificate, String hash) {

  /** Requires every part. */
  public ModuleSigning {
    Objects.requireNonNull(signFile, "signFile");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * Adds the signing inputs to a step key: {@code signing.certificate} and {@code signing.key}
   * (both by their files' SHA-256, so the key text never holds the private key), {@code
   * signing.hash}, {@code signing.sign-file} (the tool's content) and {@code signing.hook} (the
   * SHA-256 of {@link SignHook}'s script).
   */
  public StepKey.Builder addTo(StepKey.Builder key) {
    return key.file("signing.certificate", certificate)
        .file("signing.key", this.key)
        .string("signing.hash", hash)
        .file("signing.sign-file", signFile)
        .string("signing.hook", SignHook.scriptDigest());
  }
}
