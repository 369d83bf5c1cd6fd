package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.DigestAlgorithm;
import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Checksums of whole files, and the checksum type names repository metadata uses. */
final class Digests {
  private Digests() {}

  /**
   * The algorithm of a yum {@code checksum type} ({@code sha256}, {@code sha}/{@code sha1},
   * {@code sha512}, {@code md5}, ...), or null for one rdmaforge does not know.
   */
  static DigestAlgorithm fromYumType(String type) {
    switch (type.toLowerCase(Locale.ROOT)) {
      case "md5":
        return DigestAlgorithm.MD5;
      case "sha":
      case "sha1":
        return DigestAlgorithm.SHA1;
      case "sha224":
        return DigestAlgorithm.SHA224;
      case "sha256":
        return DigestAlgorithm.SHA256;
      case "sha384":
        return DigestAlgorithm.SHA384;
      case "sha512":
        return DigestAlgorithm.SHA512;
      default:
        return null;
    }
  }

  /** A new digest of {@code algorithm}. */
  static MessageDigest digest(DigestAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.javaName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.javaName(), e);
    }
  }

  /** {@code digest}'s value so far, as a {@link FileDigest}. */
  static FileDigest value(DigestAlgorithm algorithm, MessageDigest digest) {
    return new FileDigest(algorithm, HexFormat.of().formatHex(digest.digest()));
  }

  /** The checksum of {@code file}'s content, read in a stream. */
  static FileDigest ofFile(Path file, DigestAlgorithm algorithm) {
    MessageDigest digest = digest(algorithm);
    byte[] buffer = new byte[65536];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); check the"
          + " file", e);
    }
    return value(algorithm, digest);
  }

  /** A checksum stated in {@code where}: {@code hex} must fit {@code algorithm}. */
  static FileDigest parse(String where, DigestAlgorithm algorithm, String hex) {
    try {
      return new FileDigest(algorithm, hex.strip());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(where + ": '" + hex.strip() + "' is not a "
          + algorithm.javaName() + " checksum (" + algorithm.hexLength() + " hexadecimal"
          + " digits); regenerate the repository metadata", e);
    }
  }
}
