package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.DebianKernel;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.RealDepmod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What kmod's depmod says about a Debian kernel's own module tree: each module's dependencies
 * ({@code modules.dep}, already transitive) and soft dependencies ({@code modules.softdep}), so a
 * scenario can copy just the modules a target needs.
 *
 * <p>Debian's image packages ship no {@code modules.dep} (the postinst runs depmod), so for a
 * cached kernel the index comes from {@code depmod -n -C EMPTY -b BASE RELEASE}: a dry run that
 * prints every file to standard output and writes nothing into the cache (about 1 s for 4,000
 * modules). A tree that has a {@code modules.dep} already is read as it is.
 */
public final class KernelModuleIndex {

  private static final Map<String, KernelModuleIndex> INDEXES = new ConcurrentHashMap<>();

  private final Map<String, List<String>> dependencies;
  private final Map<String, List<String>> softdeps;
  private final Map<String, String> pathsByName;

  KernelModuleIndex(Map<String, List<String>> dependencies, Map<String, List<String>> softdeps) {
    this.dependencies = dependencies;
    this.softdeps = softdeps;
    this.pathsByName = new HashMap<>();
    for (String path : dependencies.keySet()) {
      pathsByName.putIfAbsent(moduleName(path), path);
    }
  }

  /** The index of {@code kernel}'s module tree, computed once per JVM and release. */
  public static KernelModuleIndex of(DebianKernel kernel) {
    return INDEXES.computeIfAbsent(
        kernel.release() + " " + kernel.modulesDir(), k -> compute(kernel));
  }

  private static KernelModuleIndex compute(DebianKernel kernel) {
    Path modulesDir = kernel.modulesDir();
    try {
      if (Files.isRegularFile(modulesDir.resolve("modules.dep"))) {
        String dep = Files.readString(modulesDir.resolve("modules.dep"), StandardCharsets.UTF_8);
        Path softdepFile = modulesDir.resolve("modules.softdep");
        String softdep =
            Files.isRegularFile(softdepFile)
                ? Files.readString(softdepFile, StandardCharsets.UTF_8)
                : "";
        return parse(dep + "\n" + softdep);
      }
      Path emptyConfig = Files.createTempDirectory("rdmaforge-empty-depmod.d");
      try {
        // BASE/lib/modules/RELEASE: depmod -b wants the directory above lib/.
        Path base = modulesDir.getParent().getParent().getParent();
        ProcessResult result =
            Processes.runChecked(
                null,
                RealDepmod.command(
                    List.of(
                        "-n",
                        "-C",
                        emptyConfig.toString(),
                        "-b",
                        base.toString(),
                        kernel.release())));
        return parse(result.stdout());
      } finally {
        Files.deleteIfExists(emptyConfig);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not index the modules of " + modulesDir, e);
    }
  }

  /**
   * Reads {@code modules.dep} lines ({@code path: dep dep}) and {@code softdep NAME pre: ... post:
   * ...} lines; every other line (aliases, symbols, comments) is skipped.
   */
  static KernelModuleIndex parse(String text) {
    Map<String, List<String>> dependencies = new LinkedHashMap<>();
    Map<String, List<String>> softdeps = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("softdep ")) {
        String[] words = line.trim().split("\\s+");
        List<String> names = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
          if (!words[i].endsWith(":")) {
            names.add(words[i]);
          }
        }
        softdeps.computeIfAbsent(words[1].replace('-', '_'), n -> new ArrayList<>()).addAll(names);
        continue;
      }
      int colon = line.indexOf(':');
      if (line.startsWith("#") || colon <= 0 || !isModulePath(line.substring(0, colon))) {
        continue;
      }
      List<String> deps = new ArrayList<>();
      for (String dep : line.substring(colon + 1).trim().split("\\s+")) {
        if (!dep.isEmpty()) {
          deps.add(dep);
        }
      }
      dependencies.put(line.substring(0, colon), deps);
    }
    return new KernelModuleIndex(dependencies, softdeps);
  }

  /** The relative path of the module named {@code name} ({@code -} and {@code _} alike). */
  public Optional<String> pathOf(String name) {
    return Optional.ofNullable(pathsByName.get(name.replace('-', '_')));
  }

  /**
   * Every module modprobe would need for {@code relativePath}: the module, its dependencies and its
   * soft dependencies with theirs, each path once, the module first.
   *
   * @throws IllegalArgumentException when the tree has no such module
   */
  public List<String> closure(String relativePath) {
    if (!dependencies.containsKey(relativePath)) {
      throw new IllegalArgumentException("the module tree has no " + relativePath);
    }
    Set<String> closure = new LinkedHashSet<>();
    add(relativePath, closure);
    return new ArrayList<>(closure);
  }

  private void add(String path, Set<String> closure) {
    if (!closure.add(path)) {
      return;
    }
    for (String dep : dependencies.getOrDefault(path, List.of())) {
      add(dep, closure);
    }
    for (String soft : softdeps.getOrDefault(moduleName(path), List.of())) {
      // A soft dependency the tree lacks is skipped by modprobe too.
      pathOf(soft).ifPresent(p -> add(p, closure));
    }
  }

  /**
   * The module name of a path: file name without the {@code .ko*} suffix, dashes as underscores.
   */
  static String moduleName(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    int ko = file.indexOf(".ko");
    return (ko < 0 ? file : file.substring(0, ko)).replace('-', '_');
  }

  private static boolean isModulePath(String path) {
    return path.endsWith(".ko")
        || path.endsWith(".ko.xz")
        || path.endsWith(".ko.zst")
        || path.endsWith(".ko.gz");
  }
}
