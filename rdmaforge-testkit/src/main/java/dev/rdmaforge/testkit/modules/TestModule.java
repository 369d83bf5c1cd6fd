package dev.rdmaforge.testkit.modules;

/**
 * The small out-of-tree modules the test kit compiles against a Debian kernel's headers. Each is
 * one C file under {@code resources/dev/rdmaforge/testkit/modules/}, compiled in one of three
 * Kbuild directories ({@link BuildDir}): modules of one directory are linked by one modpost run, so
 * a consumer in a directory records the CRCs of the provider in that same directory.
 */
public enum TestModule {
  /** Exports {@code int provider_fn(int)} and GPL-only {@code int provider_gpl_fn(int)}. */
  PROVIDER_V1(BuildDir.V1, "provider", "provider_v1.c"),
  /** Calls {@code provider_fn}; built against {@link #PROVIDER_V1} (CRC 0xf96caa5e on 6.1). */
  CONSUMER_V1(BuildDir.V1, "consumer", "consumer.c"),
  /** Uses {@code provider_fn} of {@link #PROVIDER_V1}, exports {@code middle_fn}. */
  MIDDLE_V1(BuildDir.V1, "middle", "middle.c"),
  /** Uses {@code middle_fn} of {@link #MIDDLE_V1}: the top of a three-module chain. */
  TOP_V1(BuildDir.V1, "top", "top.c"),
  /** Needs nothing but the kernel: for signature, taint and vermagic scenarios. */
  PLAIN(BuildDir.V1, "plain", "plain.c"),
  /** {@code MODULE_SOFTDEP("pre: provider")}, uses none of provider's symbols. */
  SOFTDEP_USER(BuildDir.V1, "softdep_user", "softdep_user.c"),
  /** {@code MODULE_FIRMWARE("rdmaforge-test/fw.bin")}; does not request it when loaded. */
  FIRMWARE_USER(BuildDir.V1, "fw_user", "fw_user.c"),
  /** Registers an {@code ib_client}: uses the in-tree ib_core's exports. */
  IB_CLIENT(BuildDir.V1, "ib_client", "ib_client.c"),
  /** Release 2: {@code long provider_fn(long, long)} (CRC 0x3d298f15 on 6.1). */
  PROVIDER_V2(BuildDir.V2, "provider", "provider_v2.c"),
  /** The consumer rebuilt against {@link #PROVIDER_V2}. */
  CONSUMER_V2(BuildDir.V2, "consumer", "consumer_v2.c"),
  /**
   * Release 1 of provider as an older release shipped it, {@code provider_gpl_fn} exported to every
   * module. It lets modpost link {@link #PROPRIETARY}; the CRCs equal {@link #PROVIDER_V1}'s.
   */
  PROVIDER_V1_NON_GPL(BuildDir.GPL_CHECK, "provider", "provider_v1_nongpl.c"),
  /** {@code MODULE_LICENSE("Proprietary")} calling {@code provider_gpl_fn}. */
  PROPRIETARY(BuildDir.GPL_CHECK, "proprietary", "proprietary.c");

  /**
   * The Kbuild directories, one {@code make M=DIR modules} each. modpost refuses a symbol exported
   * twice and a GPL-only symbol used by a non-GPL module in one run, hence three directories.
   */
  public enum BuildDir {
    /** Provider release 1 and everything built against it. */
    V1("v1"),
    /** Provider release 2 and the consumer rebuilt for it. */
    V2("v2"),
    /** The proprietary module and the provider build it links against. */
    GPL_CHECK("gpl-check");

    private final String dirName;

    BuildDir(String dirName) {
      this.dirName = dirName;
    }

    /** The directory name inside a build and a cache entry, e.g. {@code v1}. */
    public String dirName() {
      return dirName;
    }
  }

  private final BuildDir dir;
  private final String moduleName;
  private final String source;

  TestModule(BuildDir dir, String moduleName, String source) {
    this.dir = dir;
    this.moduleName = moduleName;
    this.source = source;
  }

  /** The Kbuild directory the module is compiled in. */
  public BuildDir dir() {
    return dir;
  }

  /** The module's name as the kernel and modprobe know it, e.g. {@code provider}. */
  public String moduleName() {
    return moduleName;
  }

  /** The C file's resource name, e.g. {@code provider_v1.c}. */
  public String source() {
    return source;
  }

  /** The module file's name, e.g. {@code provider.ko}. */
  public String fileName() {
    return moduleName + ".ko";
  }
}
