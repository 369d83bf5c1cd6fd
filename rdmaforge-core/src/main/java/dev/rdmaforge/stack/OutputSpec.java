package dev.rdmaforge.stack;

import dev.rdmaforge.pkg.PackageFormat;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the rebuilt stack is written.
 *
 * @param format the package format of the rebuilt packages
 * @param directory the output directory (made when missing)
 * @param repository the repository metadata written over the output
 */
public record OutputSpec(PackageFormat format, Path directory, RepositoryKind repository) {

  /** The repository metadata written over the output. */
  public enum RepositoryKind {
    /** createrepo_c metadata ({@code repodata/}). */
    YUM,
    /** An apt repository ({@code Packages}, {@code Release}). */
    APT,
    /** No metadata: the bundle layout only. */
    NONE
  }

  /** Requires every part. */
  public OutputSpec {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(repository, "repository");
  }
}
