package dev.rdmaforge.depmod.config;

/**
 * An {@code override MODULE KVER SUBDIR} line whose kernel field matched. kmod compares
 * {@link #path()} with the module file's path relative to the module directory, cut after the
 * module name's length (no extension), so only a file directly in {@code SUBDIR} can match.
 */
public record OverrideRule(String moduleName, String kernelPattern, String subdir, Origin origin) {
  /** {@code SUBDIR/MODULE}, the exact string kmod compares. */
  public String path() {
    return subdir + "/" + moduleName;
  }
}
