package dev.rdmaforge.pkg.repo;

import dev.rdmaforge.pkg.ControlFields;
import dev.rdmaforge.pkg.DigestAlgorithm;
import dev.rdmaforge.pkg.FileDigest;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A suite's {@code Release} file: the size and checksum of each index below the suite, which apt
 * checks before it reads an index. Its signature ({@code Release.gpg}, {@code InRelease}) is not
 * checked here: local bundles are unsigned ({@code [trusted=yes]}).
 */
final class ReleaseFile {
  private ReleaseFile() {}

  /**
   * Checks {@code index} against {@code suite/Release} when there is one; returns the Release
   * file checked.
   */
  static Optional<Path> check(Path suite, Path index) {
    Path release = suite.resolve("Release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    ControlFields fields;
    try {
      fields = ControlFields.parse(release.toString(),
          Files.readString(release, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserInputException(release + ": cannot be read (" + e.getMessage() + ")", e);
    }
    String relative = suite.relativize(index).toString().replace('\\', '/');
    String[] fieldNames = {"SHA256", "SHA512", "SHA1", "MD5Sum"};
    DigestAlgorithm[] algorithms = {DigestAlgorithm.SHA256, DigestAlgorithm.SHA512,
        DigestAlgorithm.SHA1, DigestAlgorithm.MD5};
    for (int i = 0; i < fieldNames.length; i++) {
      Optional<String> value = fields.get(fieldNames[i]);
      if (value.isEmpty()) {
        continue;
      }
      for (String line : value.get().split("\n")) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length != 3 || !parts[2].equals(relative)) {
          continue;
        }
        String where = release + ": " + fieldNames[i] + " entry " + relative;
        FileDigest expected = Digests.parse(where, algorithms[i], parts[0]);
        long size = size(index);
        if (!parts[1].equals(String.valueOf(size))) {
          throw new UserInputException(where + ": " + index + " has " + size + " bytes, the"
              + " Release file says " + parts[1] + "; " + STALE);
        }
        FileDigest actual = Digests.ofFile(index, algorithms[i]);
        if (!actual.equals(expected)) {
          throw new UserInputException(where + ": " + index + " has checksum " + actual
              + ", the Release file says " + expected + "; " + STALE);
        }
        return Optional.of(release);
      }
      break;
    }
    throw new UserInputException(release + ": does not list " + relative + " with a checksum;"
        + " apt refuses an index its Release file does not list: " + STALE);
  }

  private static final String STALE = "the index was changed after the Release file was made:"
      + " regenerate the Release file (apt-ftparchive release) or copy the repository again";

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
