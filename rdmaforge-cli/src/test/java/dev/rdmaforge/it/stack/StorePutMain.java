package dev.rdmaforge.it.stack;

import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.build.store.StepKey;
import dev.rdmaforge.build.store.StoreEntry;
import dev.rdmaforge.build.store.StoreLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second process on a store, run by {@link ContentStoreProcessesIT} with the test class path:
 * {@code put STORE SIGNALS} makes the entry of {@link #KEY} (signalling {@code entering-PID}
 * before the put, {@code started-PID} once its producer runs, appending to {@code produced}, and
 * then waiting for the file {@code release}); {@code get STORE} prints what a lookup finds.
 */
public final class StorePutMain {
  /** The key both processes put: a rebuilt kernel package for one kernel. */
  static final StepKey KEY = StepKey.builder("rebuild").label("ofa-like for 6.1.0-56-amd64")
      .string("kernel.release", "6.1.0-56-amd64").build();

  private StorePutMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path store = Path.of(args[1]);
    long pid = ProcessHandle.current().pid();
    try (ContentStore s = ContentStore.open(store)) {
      if (args[0].equals("get")) {
        StoreLookup l = s.get(KEY);
        System.out.println("hit=" + l.hit() + " corruption=" + l.corruption().orElse(""));
        return;
      }
      Path signals = Path.of(args[2]);
      Files.createFile(signals.resolve("entering-" + pid));
      StoreEntry e = s.put(KEY, out -> {
        Files.writeString(out.resolve("part1.rpm"), "first half");
        Files.writeString(signals.resolve("produced"), pid + "\n", StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        Files.createFile(signals.resolve("started-" + pid));
        while (!Files.exists(signals.resolve("release"))) {
          try {
            Thread.sleep(20); // the test decides when the build "finishes"
          } catch (InterruptedException ex) {
            throw new IOException(ex);
          }
        }
        Files.writeString(out.resolve("part2.rpm"), "second half");
      });
      System.out.println("key=" + e.key() + " produced=" + e.produced() + " files="
          + e.files() + " part2=" + Files.readString(e.files().resolve("part2.rpm")));
    }
  }
}
