package dev.rdmaforge.pkg;

/** The package formats rdmaforge reads. */
public enum PackageFormat {
  /** An RPM v3/v4 file: lead, signature header, main header, compressed cpio payload. */
  RPM,
  /** A Debian binary package: an ar archive of debian-binary, control.tar.* and data.tar.*. */
  DEB
}
