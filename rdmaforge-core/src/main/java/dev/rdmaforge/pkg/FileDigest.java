package dev.rdmaforge.pkg;

import java.util.Locale;
import java.util.Objects;

/**
 * A file's content digest as the package records it.
 *
 * @param algorithm the hash
 * @param hex the digest in lower-case hexadecimal
 */
public record FileDigest(DigestAlgorithm algorithm, String hex) {

  /** Validates the length and the digits; stores lower case. */
  public FileDigest {
    Objects.requireNonNull(algorithm, "algorithm");
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != algorithm.hexLength()
        || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
    }
  }

  /** {@code algorithm:hex}. */
  @Override
  public String toString() {
    return algorithm.name().toLowerCase(Locale.ROOT) + ":" + hex;
  }
}
