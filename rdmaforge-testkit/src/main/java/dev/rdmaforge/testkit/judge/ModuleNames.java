package dev.rdmaforge.testkit.judge;

/** Module names as the kernel spells them, from names given to modprobe and from file paths. */
final class ModuleNames {

  private static final String[] SUFFIXES = {".ko", ".ko.xz", ".ko.zst", ".ko.gz"};

  private ModuleNames() {}

  /** The kernel's spelling: modprobe and the kernel treat {@code -} and {@code _} alike. */
  static String normalize(String name) {
    return name.replace('-', '_');
  }

  /** {@code .../pci-hyperv-intf.ko} is {@code pci_hyperv_intf}. */
  static String ofPath(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
        break;
      }
    }
    return normalize(name);
  }
}
