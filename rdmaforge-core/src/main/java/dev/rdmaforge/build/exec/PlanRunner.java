package dev.rdmaforge.build.exec;

import dev.rdmaforge.build.plan.PlanStep;
import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.build.store.StoreEntry;
import dev.rdmaforge.build.store.StoreLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Runs a plan's steps (already in DAG order) on a content store with a {@link StepExecutor}: a
 * step starts as soon as the steps it depends on are done, up to {@code jobs} at once; a step
 * whose key is in the store is not run; a failing step's dependents are skipped and every other
 * step still runs. Each step gets its own build root {@code WORK/roots/ID}, deleted when it
 * succeeds; a failing step's log is kept as {@code WORK/logs/ID.log}.
 */
public final class PlanRunner {
  private final ContentStore store;
  private final StepExecutor executor;
  private final Path workDir;
  private final int jobs;
  private final ExecutionListener listener;

  /**
   * A runner.
   *
   * @param store where outputs are kept
   * @param executor what runs a step
   * @param workDir build roots and failed steps' logs
   * @param jobs how many steps run at once (at least 1)
   * @param listener hears about each step
   */
  public PlanRunner(ContentStore store, StepExecutor executor, Path workDir, int jobs,
      ExecutionListener listener) {
    this.store = store;
    this.executor = executor;
    this.workDir = workDir;
    this.jobs = Math.max(1, jobs);
    this.listener = listener;
  }

  /** Runs {@code steps} (in DAG order). */
  public ExecutionResult run(List<PlanStep> steps) {
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      Map<String, CompletableFuture<StepOutcome>> futures = new LinkedHashMap<>();
      for (PlanStep s : steps) {
        List<CompletableFuture<StepOutcome>> deps = new ArrayList<>();
        for (String d : s.dependsOn()) {
          CompletableFuture<StepOutcome> f = futures.get(d);
          if (f == null) {
            throw new IllegalArgumentException(s.id() + " depends on " + d
                + ", which does not come before it");
          }
          deps.add(f);
        }
        futures.put(s.id(), CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
            .thenApplyAsync(v -> step(s, deps.stream().map(CompletableFuture::join).toList()),
                pool));
      }
      List<StepOutcome> out = new ArrayList<>();
      for (CompletableFuture<StepOutcome> f : futures.values()) {
        out.add(f.join());
      }
      return new ExecutionResult(out);
    } finally {
      pool.shutdownNow();
    }
  }

  private StepOutcome step(PlanStep s, List<StepOutcome> deps) {
    StepOutcome outcome = decide(s, deps);
    listener.finished(s, outcome);
    return outcome;
  }

  private StepOutcome decide(PlanStep s, List<StepOutcome> deps) {
    for (StepOutcome d : deps) {
      if (!d.ok()) {
        return new StepOutcome(s.id(), StepOutcome.Status.SKIPPED, Duration.ZERO,
            Optional.empty(), "not run: it needs " + d.stepId() + ", which "
                + (d.status() == StepOutcome.Status.FAILED ? "failed" : "did not run"),
            Optional.empty());
      }
    }
    StoreLookup found = store.get(s.key());
    if (found.hit()) {
      Path files = found.entry().orElseThrow().files();
      return new StepOutcome(s.id(), StepOutcome.Status.CACHED, Duration.ZERO,
          Optional.of(files), "", Optional.of(StepRun.log(files)));
    }
    Map<String, Path> inputs = new HashMap<>();
    for (StepOutcome d : deps) {
      inputs.put(d.stepId(), d.files().orElseThrow());
    }
    listener.started(s);
    long start = System.nanoTime();
    Path root = workDir.resolve("roots").resolve(safe(s.id()));
    listener.logging(s, StepRun.log(root));
    try {
      deleteTree(root);
      Files.createDirectories(root);
      StoreEntry entry = store.put(s.key(),
          dir -> executor.execute(new StepRun(s, root, dir, inputs)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      deleteTree(root);
      // Another process may have made it while this one waited for the key's build lock.
      return new StepOutcome(s.id(),
          entry.produced() ? StepOutcome.Status.BUILT : StepOutcome.Status.CACHED,
          entry.produced() ? took : Duration.ZERO, Optional.of(entry.files()), "",
          Optional.of(StepRun.log(entry.files())));
    } catch (StepFailure f) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Path kept = keepLog(s, f.log());
      String where = f.match().map(m -> kept + ":" + m.line() + ": " + m.text() + "; "
          + m.explanation()).orElse("see " + kept);
      return new StepOutcome(s.id(), StepOutcome.Status.FAILED, took, Optional.empty(),
          f.getMessage() + ": " + where, Optional.of(kept));
    } catch (IOException | RuntimeException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new StepOutcome(s.id(), StepOutcome.Status.FAILED, took, Optional.empty(),
          e.getMessage() == null ? e.toString() : e.getMessage(), Optional.empty());
    }
  }

  private Path keepLog(PlanStep s, Path log) {
    try {
      Path logs = Files.createDirectories(workDir.resolve("logs"));
      Path kept = logs.resolve(safe(s.id()) + ".log");
      Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
      return kept;
    } catch (IOException e) {
      return log; // the build root is then kept, log and all
    }
  }

  /** A step id as one file name: {@code rebuild/ofa-like/6.1.0-56-amd64} → {@code rebuild_...}. */
  static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
