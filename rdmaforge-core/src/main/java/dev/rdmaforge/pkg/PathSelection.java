package dev.rdmaforge.pkg;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which entries of a package to extract: all of them, or those whose package path (e.g. {@code
 * lib/modules/6.1.0-56-amd64/extra/x.ko}, no leading slash) matches one of a list of globs in
 * {@link java.nio.file.FileSystem#getPathMatcher} syntax ({@code *} stays within a directory,
 * {@code **} crosses directories, {@code {a,b}} alternatives). The directories leading to a
 * selected entry are created as needed.
 */
public final class PathSelection {
  private static final List<String> MODULE_FILES = List.of(
      "{lib,usr/lib}/modules/*/**.ko*",
      "{lib,usr/lib}/modules/*/modules.builtin*",
      "{lib,usr/lib}/modules/*/modules.order",
      "{etc,run,usr/local/lib,lib,usr/lib}/depmod.d/*",
      "{etc,run,usr/local/lib,lib,usr/lib}/modprobe.d/*");

  private final List<String> globs;
  private final List<PathMatcher> matchers;

  private PathSelection(List<String> globs) {
    this.globs = globs == null ? null : List.copyOf(globs);
    this.matchers = new ArrayList<>();
    if (globs != null) {
      for (String glob : globs) {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      }
    }
  }

  /** Every entry. */
  public static PathSelection all() {
    return new PathSelection(null);
  }

  /**
   * The entries matching any of {@code globs}.
   *
   * @throws IllegalArgumentException for a glob the JDK cannot parse
   */
  public static PathSelection globs(List<String> globs) {
    if (globs.isEmpty()) {
      throw new IllegalArgumentException("no globs: use PathSelection.all() for everything");
    }
    return new PathSelection(globs);
  }

  /** {@link #globs(List)} of the arguments. */
  public static PathSelection globs(String... globs) {
    return globs(List.of(globs));
  }

  /**
   * What depmod and modprobe read from a package: module files ({@code *.ko*} below {@code
   * lib/modules/RELEASE/}, weak-updates links included), {@code modules.builtin*}, {@code
   * modules.order} (depmod sorts by it), and the
   * depmod.d and modprobe.d files of every directory kmod searches.
   */
  public static PathSelection moduleFiles() {
    return new PathSelection(MODULE_FILES);
  }

  /** Whether the entry at package path {@code path} is selected. */
  public boolean matches(String path) {
    if (globs == null) {
      return true;
    }
    Path p = Path.of(path);
    for (PathMatcher m : matchers) {
      if (m.matches(p)) {
        return true;
      }
    }
    return false;
  }

  /** The globs, or empty for {@link #all()}. */
  public List<String> globs() {
    return globs == null ? List.of() : globs;
  }

  @Override
  public String toString() {
    return globs == null ? "all" : String.join(" ", globs);
  }
}
