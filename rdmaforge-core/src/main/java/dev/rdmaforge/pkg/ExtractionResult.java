package dev.rdmaforge.pkg;

import java.nio.file.Path;
import java.util.List;

/**
 * What an extraction did.
 *
 * @param pkg the package's model (for a DEB built while its data.tar was streamed)
 * @param outputRoot the output root, resolved to its real path
 * @param extracted the entries written, in payload order (hard links last)
 * @param bytesWritten the content bytes written (regular files)
 */
public record ExtractionResult(
    PackageFile pkg, Path outputRoot, List<PackagedFile> extracted, long bytesWritten) {

  /** Freezes the list. */
  public ExtractionResult {
    extracted = List.copyOf(extracted);
  }
}
