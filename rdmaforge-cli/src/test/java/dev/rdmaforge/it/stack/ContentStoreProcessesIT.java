package dev.rdmaforge.it.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.build.store.StoreEntry;
import dev.rdmaforge.build.store.StoreLookup;
import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Rdmaforge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `rdmaforge build` runs on one store (issue 5, item 6), as real separate JVMs: the same key
 * put at once gives one entry that both get; a run killed with kill -9 in the middle of a put
 * leaves nothing published and its temporary directory is removed on the next open; a corrupted
 * file is detected by a later process and the entry rebuilt; `rdmaforge cache ls` and `gc`
 * see the result.
 */
class ContentStoreProcessesIT {
  /** Bounds a wait so that a broken lock fails the test instead of hanging the build. */
  static final long LIMIT_MS = 120_000;

  @TempDir Path dir;

  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), StorePutMain.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static void awaitFiles(Path signals, String prefix, int count) throws IOException,
      InterruptedException {
    long end = System.currentTimeMillis() + LIMIT_MS;
    while (count(signals, prefix) < count) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("no " + count + " '" + prefix + "' signals in " + signals);
      }
      Thread.sleep(20);
    }
  }

  private static long count(Path signals, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(signals)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
  }

  private static String finish(Process p) throws InterruptedException, IOException {
    assertThat(p.waitFor(LIMIT_MS, TimeUnit.MILLISECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void put_sameKeyFromTwoProcessesAtOnce_oneEntryProducedOnceBothGetIt() throws Exception {
    Path store = dir.resolve("store");
    Path signals = Files.createDirectories(dir.resolve("signals"));
    Process a = start("put", store.toString(), signals.toString());
    Process b = start("put", store.toString(), signals.toString());
    awaitFiles(signals, "entering-", 2);
    awaitFiles(signals, "started-", 1);
    Files.createFile(signals.resolve("release"));

    String outA = finish(a);
    String outB = finish(b);

    String entry = store.toRealPath().resolve("entries").resolve(StorePutMain.KEY.hex())
        .resolve("files").toString();
    assertThat(List.of(outA, outB)).containsExactlyInAnyOrder(
        "key=" + StorePutMain.KEY.hex() + " produced=true files=" + entry
            + " part2=second half",
        "key=" + StorePutMain.KEY.hex() + " produced=false files=" + entry
            + " part2=second half");
    assertThat(Files.readAllLines(signals.resolve("produced"))).hasSize(1);
    try (Stream<Path> s = Files.list(store.resolve("entries"))) {
      assertThat(s.toList()).hasSize(1);
    }
    assertThat(store.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void put_killedMinus9MidPut_nothingPublishedTempCleanedOnReopenThenRebuilt()
      throws Exception {
    Path store = dir.resolve("store");
    Path signals = Files.createDirectories(dir.resolve("signals"));
    Process victim = start("put", store.toString(), signals.toString());
    awaitFiles(signals, "started-", 1);

    victim.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    assertThat(victim.waitFor(LIMIT_MS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(victim.exitValue()).isEqualTo(137);
    try (Stream<Path> s = Files.list(store.resolve("tmp"))) {
      assertThat(s.toList()).singleElement()
          .satisfies(p -> assertThat(p.resolve("files/part1.rpm")).exists());
    }

    try (ContentStore reopened = ContentStore.open(store)) {
      assertThat(reopened.cleanedOnOpen()).hasSize(1);
      assertThat(store.resolve("tmp")).isEmptyDirectory();
      assertThat(reopened.get(StorePutMain.KEY).hit()).isFalse();
      StoreEntry rebuilt = reopened.put(StorePutMain.KEY, out ->
          Files.writeString(out.resolve("part2.rpm"), "second half"));
      assertThat(rebuilt.produced()).isTrue();
    }
  }

  @Test
  void get_fileCorruptedOnDisk_detectedByAnotherProcessRemovedAndRebuilt() throws Exception {
    Path store = dir.resolve("store");
    Path signals = Files.createDirectories(dir.resolve("signals"));
    Files.createFile(signals.resolve("release"));
    finish(start("put", store.toString(), signals.toString()));
    Path part = store.resolve("entries").resolve(StorePutMain.KEY.hex())
        .resolve("files/part1.rpm");
    Files.writeString(part, "first HALF"); // same size, other bytes: only the hash tells

    String lookup = finish(start("get", store.toString()));
    String again = finish(start("get", store.toString()));
    String rebuilt = finish(start("put", store.toString(), signals.toString()));

    assertThat(lookup).startsWith("hit=false corruption=entry " + StorePutMain.KEY.hex()
        + " was corrupt (part1.rpm has SHA-256 ");
    assertThat(again).isEqualTo("hit=false corruption=");
    assertThat(rebuilt).contains(" produced=true ");
    assertThat(Files.readAllLines(signals.resolve("produced"))).hasSize(2);
    try (ContentStore s = ContentStore.open(store)) {
      StoreLookup l = s.get(StorePutMain.KEY);
      assertThat(Files.readString(l.entry().orElseThrow().files().resolve("part1.rpm")))
          .isEqualTo("first half");
    }
  }

  @Test
  void cacheCommands_listAndTrimTheStore() throws Exception {
    Path store = dir.resolve("store");
    Path signals = Files.createDirectories(dir.resolve("signals"));
    Files.createFile(signals.resolve("release"));
    finish(start("put", store.toString(), signals.toString()));

    ProcessResult ls = Rdmaforge.run("cache", "ls", "--store", store.toString(), "--json");
    ProcessResult dry = Rdmaforge.run("cache", "gc", "--store", store.toString(),
        "--max-size", "0", "--dry-run");
    ProcessResult gc = Rdmaforge.run("cache", "gc", "--store", store.toString(),
        "--older-than", "0s");
    ProcessResult after = Rdmaforge.run("cache", "ls", "--store", store.toString());
    ProcessResult bad = Rdmaforge.run("cache", "gc", "--store", store.toString(),
        "--max-size", "lots");

    assertThat(ls.exitCode()).as(ls.describe()).isZero();
    assertThat(ls.stdout()).contains("\"schema\" : 1", "\"key\" : \"" + StorePutMain.KEY.hex(),
        "\"size\" : 21", "\"label\" : \"ofa-like for 6.1.0-56-amd64\"");
    assertThat(dry.stdout()).startsWith("would remove " + StorePutMain.KEY.hex().substring(0, 16))
        .contains("would free 21 B in 1 entries; 0 B left");
    assertThat(gc.stdout()).contains("freed 21 B in 1 entries; 0 B left");
    assertThat(after.stdout()).isEqualTo("0 entries, 0 B\n");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("--max-size 'lots' is not a size");
  }
}
