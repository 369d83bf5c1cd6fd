package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.modules.TestModule;
import java.util.List;

/**
 * The kmod packages the test kit builds from the {@link TestModule}s, each as an RPM (the way
 * RHEL's kmodtool packages look) and as a DEB (the way DKMS's {@code mkdeb} packages look).
 */
public enum KmodPackage {
  /**
   * {@code provider.ko} release 1: needs only kernel symbols, so its requirements are all {@code
   * kernel(sym) = 0xCRC}.
   */
  PROVIDER("rdmaforge-provider", 0, List.of(TestModule.PROVIDER_V1)),
  /**
   * consumer, middle and top of release 1: they need {@code provider_fn} from another package
   * ({@code ksym(provider_fn) = 0xf96caa5e}); top's {@code middle_fn} comes from middle in the same
   * package and is left out, as RHEL's find-requires leaves it out. Carries an epoch, a
   * weak-updates style relative link and a hard-linked pair of documents.
   */
  CONSUMERS("rdmaforge-consumers", 1,
      List.of(TestModule.CONSUMER_V1, TestModule.MIDDLE_V1, TestModule.TOP_V1)),
  /** ib_client: {@code kernel(sym)} requirements on the in-tree ib_core's exports. */
  IB_CLIENT("rdmaforge-ib-client", 0, List.of(TestModule.IB_CLIENT)),
  /** provider and consumer of release 2 (the changed {@code provider_fn} CRC). */
  PROVIDER_V2("rdmaforge-provider-v2", 0,
      List.of(TestModule.PROVIDER_V2, TestModule.CONSUMER_V2));

  private final String baseName;
  private final int epoch;
  private final List<TestModule> modules;

  KmodPackage(String baseName, int epoch, List<TestModule> modules) {
    this.baseName = baseName;
    this.epoch = epoch;
    this.modules = modules;
  }

  /** The RPM name, e.g. {@code kmod-rdmaforge-provider}. */
  public String rpmName() {
    return "kmod-" + baseName;
  }

  /** The DEB name for {@code release}, e.g. {@code rdmaforge-provider-modules-6.1.0-56-amd64}. */
  public String debName(String release) {
    return baseName + "-modules-" + release;
  }

  /** The short name, e.g. {@code rdmaforge-provider}. */
  public String baseName() {
    return baseName;
  }

  /** The RPM epoch, 0 for none (Debian: the same number before a colon). */
  public int epoch() {
    return epoch;
  }

  /** The modules it ships, in package order. */
  public List<TestModule> modules() {
    return modules;
  }

  /** Whether it ships the weak-updates link and the hard-linked documents. */
  public boolean hasLinks() {
    return this == CONSUMERS;
  }
}
