package dev.rdmaforge.build.plan;

/** How a step's source is given, which decides how an executor builds it. */
public enum SourceKind {
  /** A source RPM: {@code rpmbuild --rebuild}. */
  SRPM,
  /**
   * A spec directory (the spec at its top, its sources beside it, as a dist-git checkout): made
   * into a source RPM with {@code rpmbuild -bs} in the build root, then rebuilt as {@link #SRPM}.
   */
  SPEC_TREE,
  /**
   * A Debian source archive whose single top directory holds {@code debian/} (MLNX_OFED_SRC-debian's
   * {@code NAME_VERSION.orig.tar.gz}): unpacked into the build root, then {@code dpkg-buildpackage}.
   */
  DEB_ARCHIVE,
  /** An unpacked Debian source tree: copied into the build root, then {@code dpkg-buildpackage}. */
  DEB_TREE;

  /** Whether it builds Debian packages. */
  public boolean deb() {
    return this == DEB_ARCHIVE || this == DEB_TREE;
  }
}
