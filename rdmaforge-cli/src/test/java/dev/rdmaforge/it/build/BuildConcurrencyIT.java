package dev.rdmaforge.it.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.testkit.DebianKernels;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import dev.rdmaforge.testkit.bundle.SyntheticBundle;
import dev.rdmaforge.testkit.bundle.SyntheticBundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 §7's store cases with the real build: two {@code rdmaforge build} runs at once on one
 * store (two image pipelines of one site sharing a cache) build each step once; a build killed
 * with SIGKILL in the middle leaves nothing that stops a clean re-run.
 */
class BuildConcurrencyIT {
  @TempDir Path dir;

  private final String release = DebianKernels.newest61().release();

  private Path stack(String name) throws IOException {
    SyntheticBundle b = SyntheticBundles.forRelease(DebianKernels.oldest61().release());
    return Files.writeString(dir.resolve(name + ".yaml"), "bundle: " + b.bundleDir()
        + "\nkernels:\n  - release: " + release + "\n    headers: /usr/src/linux-headers-"
        + release + "\ndependents:\n  - name: lustre-like\n    source: " + b.dependentSrpm()
        + "\n    provider: kmod-ofa-like\noutput:\n  format: rpm\n  directory: ./" + name
        + "-out\n");
  }

  private Process start(Path stack, Path log) throws IOException {
    List<String> cmd = Rdmaforge.command(List.of("build", stack.toString(), "--store",
        dir.resolve("store").toString(), "--work", dir.resolve("work").toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  @Test
  void build_twoAtOnceOnOneStore_eachStepBuiltOnce() throws Exception {
    Path logA = dir.resolve("a.log");
    Path logB = dir.resolve("b.log");
    Process a = start(stack("a"), logA);
    Process b = start(stack("b"), logB);

    assertThat(a.waitFor()).as(Files.readString(logA)).isZero();
    assertThat(b.waitFor()).as(Files.readString(logB)).isZero();

    String both = Files.readString(logA) + Files.readString(logB);
    for (String step : List.of("rebuild/ofa-like/", "rebuild/knem-like/",
        "dependent/lustre-like/")) {
      assertThat(both.lines().filter(l -> l.startsWith("built    " + step + release)))
          .as(both).hasSize(1);
      assertThat(both.lines().filter(l -> l.startsWith("cached   " + step + release)))
          .as(both).hasSize(1);
    }
    assertThat(dir.resolve("a-out/dependents")).isDirectory();
    assertThat(dir.resolve("b-out/dependents")).isDirectory();
  }

  @Test
  void build_killedMidway_cleanReRun() throws Exception {
    Path stack = stack("k");
    Path log = dir.resolve("k.log");
    Process p = start(stack, log);
    // Wait for the first step to start, then SIGKILL the build and the rpmbuilds it started.
    while (p.isAlive() && !Files.readString(log, StandardCharsets.UTF_8).contains("started")) {
      Thread.sleep(50);
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly().waitFor();
    children.forEach(ProcessHandle::destroyForcibly);
    assertThat(Files.readString(log)).contains("started").doesNotContain("done:");
    // What a build killed while writing its output leaves: the hidden half-written result and
    // the previous result set aside (made by hand: the kill above comes during the steps).
    Path halfWritten = Files.createDirectories(dir.resolve(".k-out.tmp-killed/BUNDLE"));
    Files.writeString(halfWritten.resolve("partial.rpm"), "half");
    Files.createDirectories(dir.resolve(".k-out.old-killed"));

    ProcessResult again = Rdmaforge.run("build", stack.toString(), "--store",
        dir.resolve("store").toString(), "--work", dir.resolve("work").toString());

    assertThat(again.exitCode()).as(again.describe()).isZero();
    // Normally all 3 run again; a step that finished just before the kill is cached.
    assertThat(again.stdout()).containsPattern("done: [1-3] built, [0-2] cached");
    try (Stream<Path> tmp = Files.list(dir.resolve("store/tmp"))) {
      assertThat(tmp).isEmpty();
    }
    assertThat(dir.resolve("k-out/.rdmaforge-output")).isRegularFile();
    assertThat(dir.resolve(".k-out.tmp-killed")).doesNotExist();
    assertThat(dir.resolve(".k-out.old-killed")).doesNotExist();
  }
}
