package dev.rdmaforge.modprobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A module's line of modules.dep: its file and the files it needs, as depmod writes them.
 *
 * @param path the module's file, relative to the module directory (or absolute, for external
 *     directories)
 * @param dependencies the files it depends on, in modules.dep order (modprobe loads them last
 *     first)
 */
public record DepEntry(String path, List<String> dependencies) {

  public DepEntry {
    dependencies = List.copyOf(dependencies);
  }

  /**
   * Parses a modules.dep line ({@code path: dep dep}) as libkmod does: the path ends at the first
   * colon, the dependencies are the words after it split on spaces and tabs.
   *
   * @return empty when the line has no colon (libkmod then knows the module but not its file)
   */
  public static Optional<DepEntry> parse(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    List<String> deps = new ArrayList<>();
    for (String word : line.substring(colon + 1).split("[ \t]+")) {
      if (!word.isEmpty()) {
        deps.add(word);
      }
    }
    return Optional.of(new DepEntry(line.substring(0, colon), deps));
  }
}
