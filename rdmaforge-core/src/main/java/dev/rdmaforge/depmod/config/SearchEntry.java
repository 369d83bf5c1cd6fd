package dev.rdmaforge.depmod.config;

/** One word of a {@code search} line: a subdirectory, {@code built-in} or {@code external}. */
public record SearchEntry(Kind kind, String path, Origin origin) {
  /** What a search word names. */
  public enum Kind {
    /** A directory relative to the module directory. */
    PATH,
    /** Everything that no other search entry names (kmod's {@code built-in} keyword). */
    BUILT_IN,
    /** The directories of {@code external} lines, at this position. */
    EXTERNAL
  }

  /** The word as written in the configuration. */
  public String word() {
    switch (kind) {
      case BUILT_IN:
        return "built-in";
      case EXTERNAL:
        return "external";
      default:
        return path;
    }
  }
}
