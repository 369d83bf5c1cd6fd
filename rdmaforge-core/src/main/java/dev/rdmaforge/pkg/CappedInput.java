package dev.rdmaforge.pkg;

import dev.rdmaforge.io.CappedInputStream;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A decompressed payload that may not grow beyond a bound: archive headers and names are read by
 * the archive libraries before rdmaforge sees an entry, so a payload that expands without end (a
 * decompression bomb) is stopped here, at a size no honest payload of this package reaches.
 */
final class CappedInput {
  private CappedInput() {}

  /** {@code in}, stopped past {@code cap} bytes with the package error for a bomb. */
  static InputStream of(Path file, String what, InputStream in, long cap) {
    return new CappedInputStream(in, cap, () -> PackageProblems.of(file, what
        + " expands to more than " + cap + " bytes, more than its files can take",
        PackageProblems.DAMAGED + "; " + PackageProblems.HOSTILE));
  }
}
