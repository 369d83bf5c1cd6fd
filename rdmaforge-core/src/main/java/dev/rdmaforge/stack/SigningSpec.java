package dev.rdmaforge.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The key rebuilt modules are signed with, as the kernel's {@code scripts/sign-file} takes it.
 *
 * @param key the private key (PEM, or PKCS#11 URI not supported here)
 * @param certificate the X.509 certificate (PEM or DER) matching the key
 * @param hash the digest {@code sign-file} uses; one of {@link #HASHES}
 */
public record SigningSpec(Path key, Path certificate, String hash) {

  /** The digests the kernel's module signing accepts (CONFIG_MODULE_SIG_SHA*). */
  public static final List<String> HASHES = List.of("sha1", "sha224", "sha256", "sha384", "sha512");

  /** Requires every part and a known hash. */
  public SigningSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(hash, "hash");
    if (!HASHES.contains(hash)) {
      throw new IllegalArgumentException("unknown hash " + hash);
    }
  }
}
