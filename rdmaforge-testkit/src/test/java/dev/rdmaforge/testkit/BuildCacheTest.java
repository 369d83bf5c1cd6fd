package dev.rdmaforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a later run (or test) reuses the modules built by an earlier one")
  void entry_secondCall_reusesWithoutBuilding() {
    BuildCache cache = new BuildCache(dir);
    AtomicInteger builds = new AtomicInteger();

    BuildCache.Entry first = cache.entry("6.1.0-56-amd64", "k1", d -> write(d, builds));
    BuildCache.Entry second = cache.entry("6.1.0-56-amd64", "k1", d -> write(d, builds));

    assertThat(builds).hasValue(1);
    assertThat(first.built()).isTrue();
    assertThat(second.built()).isFalse();
    assertThat(second.dir()).isEqualTo(dir.resolve("6.1.0-56-amd64/k1"));
    assertThat(second.dir().resolve("v1/provider.ko")).hasContent("ELF 1");
    assertThat(dir.resolve("6.1.0-56-amd64/k1.complete")).isRegularFile();
  }

  @Test
  @DisplayName("a build interrupted before its stamp (killed JVM) is thrown away and redone")
  void entry_withoutStamp_rebuilt() throws IOException {
    Files.createDirectories(dir.resolve("6.1.0-56-amd64/k1/v1"));
    Files.writeString(dir.resolve("6.1.0-56-amd64/k1/v1/stale.ko"), "half");
    Files.createDirectories(dir.resolve("6.1.0-56-amd64/k1.partial"));
    AtomicInteger builds = new AtomicInteger();

    BuildCache.Entry entry =
        new BuildCache(dir).entry("6.1.0-56-amd64", "k1", d -> write(d, builds));

    assertThat(entry.built()).isTrue();
    assertThat(entry.dir().resolve("v1/stale.ko")).doesNotExist();
    assertThat(dir.resolve("6.1.0-56-amd64/k1.partial")).doesNotExist();
  }

  @Test
  @DisplayName("a failed build leaves no complete entry; the next call builds again")
  void entry_failedBuild_notStamped() {
    BuildCache cache = new BuildCache(dir);

    assertThatThrownBy(
            () ->
                cache.entry(
                    "6.1.0-47-amd64",
                    "k2",
                    d -> {
                      throw new IOException("make: *** Error 2");
                    }))
        .hasMessageContaining("make: *** Error 2");
    AtomicInteger builds = new AtomicInteger();
    assertThat(cache.entry("6.1.0-47-amd64", "k2", d -> write(d, builds)).built()).isTrue();
    assertThat(builds).hasValue(1);
  }

  @Test
  @DisplayName("parallel test classes asking at once: one build, everyone gets the same entry")
  void entry_concurrentCallers_buildOnce() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BuildCache.Entry>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        // A new cache object per caller, as separate test classes have.
        Callable<BuildCache.Entry> call =
            () -> new BuildCache(dir).entry("6.1.0-56-amd64", "k3", d -> write(d, builds));
        futures.add(pool.submit(call));
      }
      for (Future<BuildCache.Entry> future : futures) {
        assertThat(future.get().dir()).isEqualTo(dir.resolve("6.1.0-56-amd64/k3"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(builds).hasValue(1);
  }

  private static void write(Path entry, AtomicInteger builds) throws IOException {
    int build = builds.incrementAndGet();
    Files.createDirectories(entry.resolve("v1"));
    Files.writeString(entry.resolve("v1/provider.ko"), "ELF " + build);
  }
}
