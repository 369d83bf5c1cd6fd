package dev.rdmaforge.pkg.repo;

/** How a directory of packages describes them. */
public enum RepositoryLayout {
  /** A yum/dnf repository: {@code repodata/repomd.xml} with primary and filelists metadata. */
  YUM,
  /**
   * An apt repository: a flat one ({@code Packages[.gz|.xz]} in the directory, as {@code
   * dpkg-scanpackages DIR > Packages} makes it) or {@code dists/SUITE/COMPONENT/binary-ARCH/}.
   */
  APT,
  /**
   * An unpacked MLNX_OFED (or mlnx-en) bundle: a version file {@code .mlnx}/{@code mlnx}, {@code
   * distro}, {@code .supported_kernels}, and packages in {@code RPMS/} or {@code DEBS/}.
   */
  MLNX_OFED,
  /** A plain directory of {@code .rpm}/{@code .deb} files, read from their own headers. */
  DIRECTORY
}
