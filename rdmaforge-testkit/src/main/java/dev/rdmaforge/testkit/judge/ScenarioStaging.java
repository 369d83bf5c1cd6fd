package dev.rdmaforge.testkit.judge;

import dev.rdmaforge.testkit.ChrootDepmod;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host side of one scenario: the image's own depmod (chrooted, so its depmod.d decides), then
 * for each target the real {@code modprobe --show-depends} closure (dependencies and softdeps),
 * copied with links resolved inside the root to {@code INITRD/sN/lib/modules/KVER} at the same
 * relative paths, with the {@code modules.*} files and {@code etc/modprobe.d}.
 *
 * <p>The host modprobe reads the staged {@code sN/etc/modprobe.d}, the very files the guest's
 * modprobe reads, so both see one configuration.
 */
final class ScenarioStaging {

  // Two boots may judge the same root (with and without sig_enforce); depmod and the tool copy
  // ChrootDepmod places in the root must not run twice at once on it.
  private static final Map<Path, Object> ROOT_LOCKS = new ConcurrentHashMap<>();

  private final String release;
  private final Path initrd;

  ScenarioStaging(String release, Path initrd) {
    this.release = release;
    this.initrd = initrd;
  }

  /** Stages {@code scenario} as {@code /s<index>}. */
  StagedScenario stage(int index, JudgeScenario scenario) {
    Path root = scenario.root();
    synchronized (ROOT_LOCKS.computeIfAbsent(root, r -> new Object())) {
      try {
        return stageLocked(index, scenario);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "scenario " + scenario.id() + ": could not stage " + root + ": " + e.getMessage(), e);
      }
    }
  }

  private StagedScenario stageLocked(int index, JudgeScenario scenario) throws IOException {
    Path root = scenario.root();
    runDepmod(scenario);
    String moduleDirInRoot = "lib/modules/" + release;
    Path moduleDir = RootPaths.resolve(root, moduleDirInRoot);
    if (!Files.isDirectory(moduleDir) || !moduleDir.endsWith(Path.of("lib/modules", release))) {
      throw new IllegalArgumentException(
          "scenario "
              + scenario.id()
              + ": "
              + root
              + "/"
              + moduleDirInRoot
              + " resolves to "
              + moduleDir
              + ", no lib/modules/"
              + release
              + " directory");
    }
    // modprobe -d BASE reads BASE/lib/modules/KVER; BASE is the root unless lib is a link.
    Path base = moduleDir.getParent().getParent().getParent();
    Path stagedDir = initrd.resolve("s" + index);
    Path stagedModules = stagedDir.resolve(moduleDirInRoot);
    Files.createDirectories(stagedModules);
    Path config = copyModprobeConfig(root, stagedDir.resolve("etc/modprobe.d"));
    copyIndexes(root, moduleDir, stagedModules);

    // Every module of modules.dep, not only the ones modprobe inserts: a module whose install
    // line replaces its insertion must still exist, or modprobe drops its users' dependency lists.
    List<String> depFiles = modulesDepFiles(moduleDir);
    for (String relative : depFiles) {
      stage(root, moduleDir, stagedModules, relative);
    }
    Map<String, String> targetFiles = new LinkedHashMap<>();
    Map<String, String> targetModules = new LinkedHashMap<>();
    for (String target : scenario.targets()) {
      targetModules.put(target, resolveAlias(base, config, target, scenario));
      ShowDepends closure = showDepends(base, config, target);
      for (String path : closure.insmodPaths()) {
        stage(root, moduleDir, stagedModules, relativeTo(moduleDir, path, scenario));
      }
      String file = closure.pathOf(target);
      if (file != null) {
        targetFiles.put(target, relativeTo(moduleDir, file, scenario));
      } else {
        // An install line replaces the insertion; if its command inserts the module after all,
        // modules.dep's file for the name is the one.
        String module = targetModules.get(target);
        targetFiles.put(
            target,
            depFiles.stream().filter(f -> ModuleNames.ofPath(f).equals(module)).findFirst()
                .orElse(""));
      }
    }
    return new StagedScenario(index, scenario, targetFiles, targetModules);
  }

  /** Copies one module file, links resolved inside the root, to the same relative path. */
  private static void stage(Path root, Path moduleDir, Path stagedModules, String relative)
      throws IOException {
    Path staged = stagedModules.resolve(relative);
    if (!Files.exists(staged)) {
      Path source = RootPaths.resolve(root, root.relativize(moduleDir) + "/" + relative);
      Files.createDirectories(staged.getParent());
      Files.copy(source, staged);
    }
  }

  /** The module files modules.dep lists (relative ones; external directories are not staged). */
  private static List<String> modulesDepFiles(Path moduleDir) throws IOException {
    Path dep = moduleDir.resolve("modules.dep");
    if (!Files.isRegularFile(dep)) {
      return List.of();
    }
    List<String> files = new ArrayList<>();
    for (String line : Files.readAllLines(dep, StandardCharsets.ISO_8859_1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("/")) {
        files.add(line.substring(0, colon));
      }
    }
    return files;
  }

  private void runDepmod(JudgeScenario scenario) {
    ChrootDepmod.prepare(scenario.root());
    ProcessResult depmod = ChrootDepmod.run(scenario.root(), "-a", release);
    if (depmod.exitCode() != 0) {
      throw new IllegalStateException(
          "scenario " + scenario.id() + ": the image's depmod failed:\n" + depmod.describe());
    }
  }

  private ShowDepends showDepends(Path base, Path config, String target) {
    ProcessResult result = hostModprobe(base, config, "--show-depends", target);
    return ShowDepends.parse(result.exitCode(), result.stdout(), result.stderr());
  }

  /**
   * {@code modprobe -R}: the module a name resolves to (an alias of modprobe.d or modules.alias
   * becomes its module); the name itself when it resolves to none.
   *
   * @throws IllegalArgumentException when it resolves to several modules: the judge follows one
   */
  private String resolveAlias(Path base, Path config, String target, JudgeScenario scenario) {
    ProcessResult result = hostModprobe(base, config, "-R", target);
    List<String> names = result.exitCode() == 0 ? result.stdout().lines().toList() : List.of();
    if (names.size() > 1) {
      throw new IllegalArgumentException(
          "scenario " + scenario.id() + ": " + target + " resolves to several modules " + names
              + "; the judge follows one module per target");
    }
    return names.isEmpty() ? ModuleNames.normalize(target) : names.get(0);
  }

  /** The host's modprobe on the staged tree and configuration, the guest's own view of both. */
  private ProcessResult hostModprobe(Path base, Path config, String mode, String target) {
    Path modprobe =
        Tools.require("modprobe", "kmod", Path.of("/sbin/modprobe"), Path.of("/usr/sbin/modprobe"));
    return Processes.run(
        null,
        List.of(
            modprobe.toString(),
            mode,
            "-d",
            base.toString(),
            "-C",
            config.toString(),
            "-S",
            release,
            target));
  }

  private static String relativeTo(Path moduleDir, String path, JudgeScenario scenario) {
    String prefix = moduleDir + "/";
    if (!path.startsWith(prefix)) {
      // depmod.d "external" directories: modules.dep names them by absolute path, which the
      // guest would look up at the same absolute path; not staged yet.
      throw new IllegalArgumentException(
          "scenario "
              + scenario.id()
              + ": modprobe inserts "
              + path
              + ", outside "
              + moduleDir
              + "; modules in external directories are not supported by the judge");
    }
    return path.substring(prefix.length());
  }

  /** Copies the root's etc/modprobe.d (or makes it empty) and returns the staged directory. */
  private static Path copyModprobeConfig(Path root, Path staged) throws IOException {
    Files.createDirectories(staged);
    Path source = RootPaths.resolve(root, "etc/modprobe.d");
    if (Files.isDirectory(source)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          Path file = RootPaths.resolve(root, root.relativize(source) + "/" + name);
          // A link to /dev/null masks a file of the same name elsewhere: nothing to read.
          if (Files.isRegularFile(file)) {
            Files.copy(file, staged.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    return staged;
  }

  /** The modules.* files depmod wrote (and the kernel's modules.builtin*, modules.order). */
  private static void copyIndexes(Path root, Path moduleDir, Path staged) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(moduleDir, "modules.*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        Path file = RootPaths.resolve(root, root.relativize(moduleDir) + "/" + name);
        if (Files.isRegularFile(file)) {
          Files.copy(file, staged.resolve(name));
        }
      }
    }
  }
}
