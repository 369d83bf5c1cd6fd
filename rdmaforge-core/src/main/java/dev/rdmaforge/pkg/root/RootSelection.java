package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.PathSelection;
import java.util.List;

/**
 * The part of each package a {@link PackageRoot} lays out: what depmod, modprobe, the kernel's
 * module loader and {@code rdmaforge check} read. Everything else a package ships (binaries,
 * documentation, libraries) is left out: it cannot change which module loads.
 */
public final class RootSelection {
  /**
   * The globs ({@link PathSelection#globs(List)} syntax), each directory named once for itself and
   * once for what is below it, so that directories keep the package's mode.
   */
  public static final List<String> GLOBS = List.of(
      "{lib,usr/lib}/modules", "{lib,usr/lib}/modules/**",
      "boot", "boot/**",
      "{etc,run,usr/local/lib,lib,usr/lib}/depmod.d", "{etc,run,usr/local/lib,lib,usr/lib}/depmod.d/**",
      "{etc,run,lib,usr/lib}/modprobe.d", "{etc,run,lib,usr/lib}/modprobe.d/**",
      "{lib,usr/lib}/firmware", "{lib,usr/lib}/firmware/**",
      "usr/src/*/Module.symvers");

  /** One line for reports: what was laid out and why only that. */
  public static final String DESCRIPTION = "only what module loading reads is laid out:"
      + " lib/modules and usr/lib/modules, boot, the depmod.d and modprobe.d directories (etc,"
      + " run, usr/local/lib, lib, usr/lib), lib/firmware and usr/lib/firmware, and"
      + " usr/src/*/Module.symvers";

  private RootSelection() {}

  /** The selection to extract with. */
  public static PathSelection selection() {
    return PathSelection.globs(GLOBS);
  }
}
