package dev.rdmaforge.stack;

import dev.rdmaforge.report.Location;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The vendor bundle a stack starts from.
 *
 * @param path an unpacked MLNX_OFED-layout directory, or its {@code .tgz}
 * @param form which of the two it is
 * @param at where the description names it
 */
public record BundleSource(Path path, Form form, Location at) {

  /** How the bundle is given. */
  public enum Form {
    /** An unpacked bundle ({@code .mlnx}, {@code RPMS/} or {@code DEBS/}, ...). */
    DIRECTORY,
    /** A {@code .tgz} / {@code .tar.gz} of one, unpacked with {@link BundleArchives#unpack}. */
    TGZ
  }

  /** Requires every part. */
  public BundleSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(at, "at");
  }
}
