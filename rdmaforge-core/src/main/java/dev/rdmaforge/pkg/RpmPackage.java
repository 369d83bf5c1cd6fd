package dev.rdmaforge.pkg;

import java.util.Objects;

/**
 * An RPM file as read: the common model plus the raw headers, for tags the model leaves out.
 *
 * @param pkg the common model
 * @param signature the signature header
 * @param header the main header
 * @param payloadOffset where the compressed payload starts in the file
 */
public record RpmPackage(
    PackageFile pkg, RpmHeader signature, RpmHeader header, long payloadOffset) {

  /** Requires every part. */
  public RpmPackage {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(header, "header");
  }
}
