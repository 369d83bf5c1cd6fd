package dev.rdmaforge.pkg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to extract where.
 *
 * @param packageFile the .rpm or .deb
 * @param outputRoot the directory the package's paths are relative to; created when missing.
 *     Entries already there are replaced (through a temporary name and a rename); nothing is ever
 *     written outside it. No other process should change it during the extraction.
 * @param selection which entries
 * @param absoluteSymlinks what to do with absolute symbolic links
 */
public record ExtractionRequest(
    Path packageFile, Path outputRoot, PathSelection selection, AbsoluteSymlinks absoluteSymlinks) {

  /** Requires every part. */
  public ExtractionRequest {
    Objects.requireNonNull(packageFile, "packageFile");
    Objects.requireNonNull(outputRoot, "outputRoot");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(absoluteSymlinks, "absoluteSymlinks");
  }

  /** Everything, absolute links refused. */
  public static ExtractionRequest of(Path packageFile, Path outputRoot) {
    return new ExtractionRequest(
        packageFile, outputRoot, PathSelection.all(), AbsoluteSymlinks.REFUSE);
  }

  /** This request with another selection. */
  public ExtractionRequest withSelection(PathSelection selection) {
    return new ExtractionRequest(packageFile, outputRoot, selection, absoluteSymlinks);
  }

  /** This request with another absolute-link policy. */
  public ExtractionRequest withAbsoluteSymlinks(AbsoluteSymlinks policy) {
    return new ExtractionRequest(packageFile, outputRoot, selection, policy);
  }
}
