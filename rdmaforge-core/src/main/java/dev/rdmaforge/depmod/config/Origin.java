package dev.rdmaforge.depmod.config;

/**
 * Where a configuration entry came from: the file as depmod names it and the line kmod reports
 * (for a line continued with a backslash, the last physical line, as kmod counts).
 */
public record Origin(String file, int line) {
  /** The origin of the search entry kmod adds by itself when no file has a search line. */
  public static final Origin BUILT_IN_DEFAULT = new Origin("(kmod default: search updates)", 0);

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
