package dev.rdmaforge.testkit.modules;

import dev.rdmaforge.testkit.FileTrees;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import dev.rdmaforge.testkit.modules.TestModule.BuildDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiles the {@link TestModule}s against the installed Debian headers of one kernel release, the
 * way an out-of-tree vendor driver is built: {@code make -C /usr/src/linux-headers-KVER M=DIR
 * modules}, one run per {@link BuildDir}, the three runs side by side (each run spends about a
 * second in make's own start-up, so running them one after another would cost three).
 *
 * <p>Output layout (a {@link dev.rdmaforge.testkit.BuildCache} entry): {@code DIR/NAME.ko} debug-stripped as {@code
 * modules_install INSTALL_MOD_STRIP=1} does (from about 110 KB to about 5 KB; unsigned, so nothing
 * is lost), {@code DIR/Module.symvers}, and {@code build.log} with make's output.
 */
final class KbuildCompiler {

  private final String release;
  private final Path headers;

  private KbuildCompiler(String release, Path headers) {
    this.release = release;
    this.headers = headers;
  }

  /**
   * A compiler for {@code release}, using {@code /usr/src/linux-headers-RELEASE}.
   *
   * @throws IllegalStateException naming the package when the headers are not installed
   */
  static KbuildCompiler forRelease(String release) {
    Path headers = headersDir(release);
    if (!Files.isRegularFile(headers.resolve("Makefile"))) {
      throw new IllegalStateException(
          headers
              + " is missing: install the headers with `apt-get install -y --no-install-recommends"
              + " linux-headers-"
              + release
              + "` or run ./test.sh, which installs them for the kernels the tests use");
    }
    return new KbuildCompiler(release, headers);
  }

  /** Where Debian's {@code linux-headers-RELEASE} package puts the headers. */
  static Path headersDir(String release) {
    return Path.of("/usr/src/linux-headers-" + release);
  }

  /** The headers' {@code Module.symvers}: the kernel's exports the modules are built against. */
  Path symvers() {
    return headers.resolve("Module.symvers");
  }

  /** Compiles every test module into {@code out} (see the class comment for the layout). */
  void compileInto(Path out) throws IOException {
    Path make = Tools.require("make", "make");
    Path strip = Tools.require("strip", "binutils");
    Path src = out.resolve("src");
    ModuleSources.writeTo(src);
    List<ProcessResult> results = makeAll(make, src);
    StringBuilder log = new StringBuilder();
    for (ProcessResult result : results) {
      log.append(result.describe()).append('\n');
    }
    Files.writeString(out.resolve("build.log"), log.toString(), StandardCharsets.UTF_8);
    for (BuildDir dir : BuildDir.values()) {
      Path built = src.resolve(dir.dirName());
      Path target = Files.createDirectories(out.resolve(dir.dirName()));
      Files.copy(built.resolve("Module.symvers"), target.resolve("Module.symvers"));
      for (TestModule module : ModuleSources.modulesOf(dir)) {
        Path ko = target.resolve(module.fileName());
        Files.copy(built.resolve(module.fileName()), ko);
        Processes.runChecked(null, List.of(strip.toString(), "--strip-debug", ko.toString()));
      }
    }
    FileTrees.deleteRecursively(src);
  }

  private List<ProcessResult> makeAll(Path make, Path src) throws IOException {
    BuildDir[] dirs = BuildDir.values();
    ExecutorService pool = Executors.newFixedThreadPool(dirs.length);
    try {
      List<Future<ProcessResult>> runs = new ArrayList<>();
      for (BuildDir dir : dirs) {
        // The first directory has most of the modules: let its make compile two at a time.
        String jobs = dir == BuildDir.V1 ? "-j2" : "-j1";
        List<String> command =
            List.of(
                make.toString(),
                jobs,
                "-C",
                headers.toString(),
                "M=" + src.resolve(dir.dirName()),
                "modules");
        runs.add(pool.submit(() -> Processes.run(null, command)));
      }
      List<ProcessResult> results = new ArrayList<>();
      for (Future<ProcessResult> run : runs) {
        ProcessResult result = run.get();
        if (result.exitCode() != 0) {
          throw new IllegalStateException(
              "building the test modules for " + release + " failed:\n" + result.describe());
        }
        results.add(result);
      }
      return results;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "building the test modules for " + release + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the test modules for " + release, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
