package dev.rdmaforge.testkit.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code modprobe --show-depends} prints for one name: the files it would insert, in order
 * (dependencies and pre-softdeps first, post-softdeps after the module) and the built-ins it would
 * skip; or that the name is not found. (kmod 30 prints no {@code install} commands here.)
 *
 * @param insmodPaths the absolute paths of {@code insmod PATH [options]} lines, in order
 * @param builtins the names of {@code builtin NAME} lines
 * @param notFound whether modprobe said {@code FATAL: Module NAME not found}
 */
record ShowDepends(List<String> insmodPaths, List<String> builtins, boolean notFound) {

  ShowDepends {
    insmodPaths = List.copyOf(insmodPaths);
    builtins = List.copyOf(builtins);
  }

  /**
   * Parses modprobe's output.
   *
   * @throws IllegalStateException when modprobe failed for another reason than a missing module
   */
  static ShowDepends parse(int exitCode, String stdout, String stderr) {
    List<String> insmods = new ArrayList<>();
    List<String> builtins = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("insmod ")) {
        // "insmod /path/x.ko opt=1 " : options follow the path after one space.
        String rest = line.substring("insmod ".length());
        int space = rest.indexOf(' ');
        insmods.add(space < 0 ? rest : rest.substring(0, space));
      } else if (line.startsWith("builtin ")) {
        builtins.add(line.substring("builtin ".length()).strip());
      }
    }
    boolean notFound = exitCode != 0 && isNotFound(stderr);
    if (exitCode != 0 && !notFound) {
      throw new IllegalStateException(
          "modprobe --show-depends failed (exit " + exitCode + "):\n" + stderr + stdout);
    }
    return new ShowDepends(insmods, builtins, notFound);
  }

  /** Whether modprobe's output says {@code modprobe: FATAL: Module X not found ...}. */
  static boolean isNotFound(String output) {
    return output.lines().anyMatch(l -> l.contains("FATAL: Module ") && l.contains(" not found"));
  }

  /**
   * The path modprobe inserts for {@code module} itself (the last {@code insmod} line whose file
   * name is the module's), or null for a built-in or a missing module.
   */
  String pathOf(String module) {
    String name = ModuleNames.normalize(module);
    String found = null;
    for (String path : insmodPaths) {
      if (ModuleNames.ofPath(path).equals(name)) {
        found = path;
      }
    }
    return found;
  }
}
