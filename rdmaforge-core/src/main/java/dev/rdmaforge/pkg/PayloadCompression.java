package dev.rdmaforge.pkg;

/**
 * How a package's payload (RPM's cpio archive, a DEB's data.tar) is compressed. The name of each
 * constant's {@link #rpmName()} is the value of RPM's {@code PAYLOADCOMPRESSOR} tag.
 */
public enum PayloadCompression {
  /** Stored as is: RPM without {@code PAYLOADCOMPRESSOR} and a cpio magic, or {@code data.tar}. */
  NONE("identity", ""),
  /** gzip ({@code 1F 8B}): RPM's historical default, {@code .tar.gz}. */
  GZIP("gzip", ".gz"),
  /** bzip2 ({@code BZh}). */
  BZIP2("bzip2", ".bz2"),
  /** xz ({@code FD 37 7A 58 5A 00}): RHEL 7-8 payloads, dpkg's default. */
  XZ("xz", ".xz"),
  /** Legacy lzma-alone streams ({@code 5D 00 00}): old RPMs, {@code .tar.lzma}. */
  LZMA("lzma", ".lzma"),
  /** zstd ({@code 28 B5 2F FD}): RHEL 9 and Fedora payloads, Ubuntu's {@code .tar.zst}. */
  ZSTD("zstd", ".zst");

  private final String rpmName;
  private final String fileSuffix;

  PayloadCompression(String rpmName, String fileSuffix) {
    this.rpmName = rpmName;
    this.fileSuffix = fileSuffix;
  }

  /** The {@code PAYLOADCOMPRESSOR} value rpmbuild writes for it, e.g. {@code zstd}. */
  public String rpmName() {
    return rpmName;
  }

  /** The member-name suffix a DEB uses for it, e.g. {@code .xz} ({@code ""} for none). */
  public String fileSuffix() {
    return fileSuffix;
  }
}
