package dev.rdmaforge.build.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store a `rdmaforge build` keeps rebuilt kernel packages in: reuse, corruption, interrupted
 * runs, and trimming with `cache gc` while another build holds entries.
 */
class ContentStoreTest {
  @TempDir Path dir;

  static StepKey key(String kernel) {
    return StepKey.builder("rebuild").label("ofa-like for " + kernel)
        .string("kernel.release", kernel).build();
  }

  static EntryProducer rpm(String content, AtomicInteger runs) {
    return out -> {
      runs.incrementAndGet();
      Files.createDirectories(out.resolve("RPMS/x86_64"));
      Files.writeString(out.resolve("RPMS/x86_64/ofa-like.rpm"), content);
      Files.createSymbolicLink(out.resolve("latest.rpm"), Path.of("RPMS/x86_64/ofa-like.rpm"));
    };
  }

  @Test
  void put_thenGet_sameFilesAndManifest() throws IOException {
    AtomicInteger runs = new AtomicInteger();
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      StoreEntry put = store.put(key("6.1.0-56-amd64"), rpm("built", runs));
      StoreLookup got = store.get(key("6.1.0-56-amd64"));

      assertThat(put.produced()).isTrue();
      assertThat(got.hit()).isTrue();
      assertThat(got.entry().get().produced()).isFalse();
      assertThat(Files.readString(got.entry().get().files().resolve("latest.rpm")))
          .isEqualTo("built");
      assertThat(got.entry().get().manifest().files()).extracting(ManifestFile::path,
          ManifestFile::type).containsExactly(
              org.assertj.core.groups.Tuple.tuple("RPMS", "dir"),
              org.assertj.core.groups.Tuple.tuple("RPMS/x86_64", "dir"),
              org.assertj.core.groups.Tuple.tuple("RPMS/x86_64/ofa-like.rpm", "file"),
              org.assertj.core.groups.Tuple.tuple("latest.rpm", "link"));
      assertThat(got.entry().get().manifest().size()).isEqualTo(5);
      assertThat(store.get(key("6.1.0-47-amd64")).hit()).isFalse();
    }
  }

  @Test
  void put_existingEntryWins_producerNotRun() throws IOException {
    AtomicInteger runs = new AtomicInteger();
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      store.put(key("k"), rpm("first", runs));
      StoreEntry second = store.put(key("k"), rpm("second", runs));

      assertThat(second.produced()).isFalse();
      assertThat(runs).hasValue(1);
      assertThat(Files.readString(second.files().resolve("latest.rpm"))).isEqualTo("first");
    }
  }

  @Test
  void get_corruptFile_reportedRemovedAndRebuiltByTheNextPut() throws IOException {
    AtomicInteger runs = new AtomicInteger();
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      StoreEntry e = store.put(key("k"), rpm("built", runs));
      Files.writeString(e.files().resolve("RPMS/x86_64/ofa-like.rpm"), "bitrot");

      StoreLookup got = store.get(key("k"));

      assertThat(got.hit()).isFalse();
      assertThat(got.corruption().orElseThrow()).startsWith("entry " + key("k").hex()
          + " was corrupt (RPMS/x86_64/ofa-like.rpm has 6 bytes, not 5) and was removed");
      assertThat(store.put(key("k"), rpm("built", runs)).produced()).isTrue();
      assertThat(runs).hasValue(2);
    }
  }

  @Test
  void get_sameSizeCorruptionAndExtraFile_detected() throws IOException {
    AtomicInteger runs = new AtomicInteger();
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      StoreEntry e = store.put(key("a"), rpm("built", runs));
      Files.writeString(e.files().resolve("RPMS/x86_64/ofa-like.rpm"), "BUILT");
      StoreEntry f = store.put(key("b"), rpm("built", runs));
      Files.writeString(f.files().resolve("stray"), "");

      assertThat(store.get(key("a")).corruption().orElseThrow())
          .contains("RPMS/x86_64/ofa-like.rpm has SHA-256 ");
      assertThat(store.get(key("b")).corruption().orElseThrow())
          .contains("(stray is not in the manifest)");
    }
  }

  @Test
  void put_producerFails_nothingPublishedNoTempLeft() throws IOException {
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      assertThatThrownBy(() -> store.put(key("k"), out -> {
        Files.writeString(out.resolve("half"), "x");
        throw new IOException("rpmbuild failed");
      })).hasMessage("rpmbuild failed");

      assertThat(store.get(key("k")).hit()).isFalse();
      assertThat(dir.resolve("store/tmp")).isEmptyDirectory();
    }
  }

  @Test
  void open_leftoverTempOfAKilledRun_cleanedWhenNobodyElseHasTheStore() throws IOException {
    Path leftover = Files.createDirectories(dir.resolve("store/tmp/abc-killed/files"));
    Files.writeString(leftover.resolve("half.rpm"), "x");
    ContentStore first = ContentStore.open(dir.resolve("store"));
    Path another = Files.createDirectories(dir.resolve("store/tmp/def-running"));

    try (ContentStore second = ContentStore.open(dir.resolve("store"))) {
      assertThat(first.cleanedOnOpen()).extracting(p -> p.getFileName().toString())
          .containsExactly("abc-killed");
      // The first store is open: the second must not take its temporary directories.
      assertThat(second.cleanedOnOpen()).isEmpty();
      assertThat(another).exists();
    }
    first.close();
  }

  @Test
  void gc_byAgeAndSize_skipsEntriesInUseByAnotherBuild() throws IOException {
    Path storeDir = dir.resolve("store");
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    AtomicInteger runs = new AtomicInteger();
    try (ContentStore old = ContentStore.open(storeDir, Clock.fixed(t0, ZoneOffset.UTC))) {
      old.put(key("old-1"), rpm("12345", runs));
      old.put(key("old-2"), rpm("12345", runs));
    }
    Instant t1 = t0.plus(Duration.ofDays(40));
    try (ContentStore building = ContentStore.open(storeDir, Clock.fixed(t1, ZoneOffset.UTC));
        ContentStore reading = ContentStore.open(storeDir,
            Clock.fixed(t1.minus(Duration.ofDays(1)), ZoneOffset.UTC))) {
      building.put(key("new"), rpm("1234567890", runs));
      assertThat(reading.get(key("old-2")).hit()).isTrue(); // in use, last used a day ago
      try (ContentStore gc = ContentStore.open(storeDir, Clock.fixed(t1, ZoneOffset.UTC))) {
        assertThat(gc.list()).extracting(EntryInfo::label).containsExactly(
            "ofa-like for new", "ofa-like for old-2", "ofa-like for old-1");

        GcResult dry = gc.gc(new GcRequest(Optional.of(Duration.ofDays(30)),
            OptionalLong.empty(), true, t1));
        GcResult byAge = gc.gc(new GcRequest(Optional.of(Duration.ofDays(30)),
            OptionalLong.empty(), false, t1));
        GcResult bySize = gc.gc(new GcRequest(Optional.empty(), OptionalLong.of(10), false,
            t1));

        assertThat(dry.removed()).extracting(EntryInfo::label)
            .containsExactly("ofa-like for old-1");
        assertThat(byAge.removed()).extracting(EntryInfo::label)
            .containsExactly("ofa-like for old-1");
        assertThat(byAge.freed()).isEqualTo(5);
        // old-2 and new are over 10 bytes together, but running builds hold both.
        assertThat(bySize.removed()).isEmpty();
        assertThat(bySize.inUse()).extracting(EntryInfo::label)
            .containsExactly("ofa-like for old-2", "ofa-like for new");
      }
    }
    try (ContentStore after = ContentStore.open(storeDir)) {
      GcResult bySize = after.gc(new GcRequest(Optional.empty(), OptionalLong.of(10), false,
          t1));
      // Nothing is in use now: the least recently used goes first, until 10 bytes are left.
      assertThat(bySize.removed()).extracting(EntryInfo::label)
          .containsExactly("ofa-like for old-2");
      assertThat(bySize.remaining()).isEqualTo(10);
    }
  }

  @Test
  void units_sizesAndAges() {
    assertThat(StoreUnits.size("--max-size", "10G")).isEqualTo(10L << 30);
    assertThat(StoreUnits.size("--max-size", "1.5k")).isEqualTo(1536);
    assertThat(StoreUnits.size("--max-size", "77")).isEqualTo(77);
    assertThat(StoreUnits.age("--older-than", "30d")).isEqualTo(Duration.ofDays(30));
    assertThat(StoreUnits.age("--older-than", "P2D")).isEqualTo(Duration.ofDays(2));
    assertThat(StoreUnits.age("--older-than", "PT12H")).isEqualTo(Duration.ofHours(12));
    assertThatThrownBy(() -> StoreUnits.size("--max-size", "ten"))
        .hasMessageStartingWith("--max-size 'ten' is not a size");
    assertThat(StoreUnits.human(1536)).isEqualTo("1.5 KiB");
  }
}
