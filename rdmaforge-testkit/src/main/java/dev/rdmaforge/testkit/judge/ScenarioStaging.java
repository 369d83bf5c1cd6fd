package dev.rdmaforge.testkit.judge;

import dev.rdmaforge.testkit.ChrootDepmod;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    Map<String, String> targetFiles = new LinkedHashMap<>();
    for (String target : scenario.targets()) {
      ShowDepends closure = showDepends(base, config, target);
      for (String path : closure.insmodPaths()) {
        String relative = relativeTo(moduleDir, path, scenario);
        Path staged = stagedModules.resolve(relative);
        if (!Files.exists(staged)) {
          Path source = RootPaths.resolve(root, root.relativize(moduleDir) + "/" + relative);
          Files.createDirectories(staged.getParent());
          Files.copy(source, staged);
        }
      }
      String file = closure.pathOf(target);
      targetFiles.put(target, file == null ? "" : relativeTo(moduleDir, file, scenario));
    }
    return new StagedScenario(index, scenario, targetFiles);
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
    Path modprobe =
        Tools.require("modprobe", "kmod", Path.of("/sbin/modprobe"), Path.of("/usr/sbin/modprobe"));
    ProcessResult result =
        Processes.run(
            null,
            List.of(
                modprobe.toString(),
                "--show-depends",
                "-d",
                base.toString(),
                "-C",
                config.toString(),
                "-S",
                release,
                target));
    return ShowDepends.parse(result.exitCode(), result.stdout(), result.stderr());
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
