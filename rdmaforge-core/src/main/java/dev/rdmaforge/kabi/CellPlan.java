package dev.rdmaforge.kabi;

import java.util.List;

/**
 * What one cell puts into a kernel's tree: the package's own modules and the provider modules
 * chosen for what they need, each at the path it would have there, and the depmod.d and
 * modprobe.d files of the packages involved.
 *
 * @param pkg the package of the row
 * @param kernel the kernel of the column
 * @param modules the package's modules first, then the providers', each name once
 * @param providers the labels of the other packages that provide modules, in choice order
 * @param configFiles the depmod.d and modprobe.d files of the package and its providers
 */
record CellPlan(
    KabiPackage pkg, KabiKernel kernel, List<Placed> modules, List<String> providers,
    List<KabiPackage.ConfigFile> configFiles) {

  /** A module at its place in the kernel's tree ({@code relPath} below lib/modules/RELEASE). */
  record Placed(PackagedModule module, KabiPackage owner, String relPath) {}

  CellPlan {
    modules = List.copyOf(modules);
    providers = List.copyOf(providers);
    configFiles = List.copyOf(configFiles);
  }

  /** Whether the package was built for another kernel (weak-updates placement). */
  boolean foreign() {
    return pkg.builtFor() == null || !pkg.builtFor().equals(kernel.release());
  }

  /** Whether a config file may change more than the modules it names (search, alias...). */
  boolean hasGlobalConfig() {
    for (KabiPackage.ConfigFile c : configFiles) {
      if (!ConfigLines.onlyLocal(c.packagePath(), c.extracted())) {
        return true;
      }
    }
    return false;
  }
}
