package dev.rdmaforge.pkg;

/**
 * File digest algorithms, with the numbers RPM's {@code FILEDIGESTALGO} uses (OpenPGP hash
 * algorithm ids, RFC 4880 9.4). A header without the tag uses MD5; DEB md5sums are MD5.
 */
public enum DigestAlgorithm {
  /** MD5 (1). */
  MD5(1, "MD5", 32),
  /** SHA-1 (2). */
  SHA1(2, "SHA-1", 40),
  /** SHA-256 (8): rpm's default since 4.x builds. */
  SHA256(8, "SHA-256", 64),
  /** SHA-384 (9). */
  SHA384(9, "SHA-384", 96),
  /** SHA-512 (10). */
  SHA512(10, "SHA-512", 128),
  /** SHA-224 (11). */
  SHA224(11, "SHA-224", 56);

  private final int rpmId;
  private final String javaName;
  private final int hexLength;

  DigestAlgorithm(int rpmId, String javaName, int hexLength) {
    this.rpmId = rpmId;
    this.javaName = javaName;
    this.hexLength = hexLength;
  }

  /** The name {@link java.security.MessageDigest#getInstance(String)} knows. */
  public String javaName() {
    return javaName;
  }

  /** How many hexadecimal digits a digest of this algorithm has. */
  public int hexLength() {
    return hexLength;
  }

  /** The algorithm RPM numbers {@code id}, or null. */
  static DigestAlgorithm fromRpmId(long id) {
    for (DigestAlgorithm a : values()) {
      if (a.rpmId == id) {
        return a;
      }
    }
    return null;
  }
}
