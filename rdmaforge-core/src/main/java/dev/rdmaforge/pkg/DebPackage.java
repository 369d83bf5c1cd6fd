package dev.rdmaforge.pkg;

import java.util.Objects;

/**
 * A DEB as read: the common model plus its control fields, for fields the model leaves out.
 *
 * @param pkg the common model
 * @param control the control file's fields
 */
public record DebPackage(PackageFile pkg, ControlFields control) {

  /** Requires both parts. */
  public DebPackage {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(control, "control");
  }
}
