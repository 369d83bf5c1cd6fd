package dev.rdmaforge.depmod.tree;

/**
 * A module file depmod found while scanning.
 *
 * @param path the path as depmod names it (logical: inside the root for a chroot view)
 * @param relPath the path relative to the module directory, or null for a file outside it
 *     (an external directory)
 * @param name the module name (basename up to the first '.', '-' turned into '_')
 * @param lastSlash index of the last '/' in {@code path}
 * @param order the position in depmod's scan (readdir order, module directory first)
 */
public record ModuleCandidate(String path, String relPath, String name, int lastSlash, int order) {

  /**
   * kmod compares paths only up to the module name's length after the last slash: {@code
   * updates/ib_core} for {@code updates/ib_core.ko.xz}.
   */
  public int comparedLength() {
    return lastSlash + 1 + name.length();
  }

  /**
   * The path kmod files the module under in modules.order lookups ("uncompressed relative path"):
   * the relative path cut after the module name plus three bytes, so {@code x/foo.ko.xz} becomes
   * {@code x/foo.ko}. Null outside the module directory.
   */
  public String uncompressedRelPath(int dirnameLength) {
    if (relPath == null) {
      return null;
    }
    int len = lastSlash - (dirnameLength + 1) + name.length() + 1 + 3;
    return relPath.substring(0, Math.min(len, relPath.length()));
  }
}
