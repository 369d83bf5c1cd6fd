package dev.rdmaforge.build.exec;

import static dev.rdmaforge.build.plan.PlanSteps.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdmaforge.build.plan.PlanStep;
import dev.rdmaforge.build.store.ContentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running a two-kernel ofa-like / knem-like / lustre-like plan on a store, with an executor that
 * writes a package file per step (or a failing log) instead of calling rpmbuild; the real
 * rpmbuild runs in BuildIT.
 */
class PlanRunnerTest {
  @TempDir Path dir;

  /** Writes {@code rpms/ID.rpm} naming its inputs; fails the steps listed, with a log. */
  private static final class ScriptedExecutor implements StepExecutor {
    final Set<String> failing;
    final List<String> ran = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, Path>> inputs = new ConcurrentHashMap<>();

    ScriptedExecutor(String... failing) {
      this.failing = Set.of(failing);
    }

    @Override
    public void execute(StepRun run) throws IOException {
      String id = run.step().id();
      ran.add(id);
      inputs.put(id, run.inputs());
      Path log = Files.writeString(run.root().resolve("build.log"),
          "+ echo configure: error: bad --with-o2ib path\n"
              + "configure: error: bad --with-o2ib path\n");
      if (failing.contains(id)) {
        throw new StepFailure("rpmbuild exited with 1", log, LogDiagnosis.diagnose(log));
      }
      Files.createDirectories(StepRun.packages(run.output()));
      Files.writeString(StepRun.packages(run.output()).resolve(id.replace('/', '_') + ".rpm"),
          id + " " + run.inputs().keySet());
      Files.copy(log, StepRun.log(run.output()));
    }
  }

  private static final List<PlanStep> PLAN = List.of(
      step("rebuild/ofa-like/56"), step("rebuild/knem-like/56"),
      step("dependent/lustre-like/56", "rebuild/ofa-like/56"),
      step("rebuild/ofa-like/47"),
      step("dependent/lustre-like/47", "rebuild/ofa-like/47"));

  private ExecutionResult run(ContentStore store, StepExecutor executor, int jobs) {
    return new PlanRunner(store, executor, dir.resolve("work"), jobs, ExecutionListener.none())
        .run(PLAN);
  }

  @Test
  void run_twice_secondRunsNothing() {
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      ScriptedExecutor first = new ScriptedExecutor();
      ExecutionResult a = run(store, first, 2);
      ScriptedExecutor second = new ScriptedExecutor();
      ExecutionResult b = run(store, second, 2);

      assertThat(a.ok()).isTrue();
      assertThat(a.count(StepOutcome.Status.BUILT)).isEqualTo(5);
      assertThat(first.ran).hasSize(5);
      assertThat(b.count(StepOutcome.Status.CACHED)).isEqualTo(5);
      assertThat(second.ran).isEmpty();
      assertThat(b.outcomes()).extracting(o -> o.files().orElseThrow())
          .containsExactlyElementsOf(a.outcomes().stream().map(o -> o.files().orElseThrow())
              .toList());
    }
  }

  @Test
  void run_dependentGetsItsProvidersOutput() throws IOException {
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      ScriptedExecutor ex = new ScriptedExecutor();
      ExecutionResult r = run(store, ex, 1);

      Path provider = r.of("rebuild/ofa-like/56").orElseThrow().files().orElseThrow();
      assertThat(ex.inputs.get("dependent/lustre-like/56"))
          .containsExactly(Map.entry("rebuild/ofa-like/56", provider));
      assertThat(ex.ran.indexOf("dependent/lustre-like/56"))
          .isGreaterThan(ex.ran.indexOf("rebuild/ofa-like/56"));
      assertThat(Files.readString(StepRun.log(provider))).contains("bad --with-o2ib path");
    }
  }

  @Test
  void run_failingProvider_stopsOnlyWhatDependsOnIt() {
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      ScriptedExecutor ex = new ScriptedExecutor("rebuild/ofa-like/56");
      ExecutionResult r = run(store, ex, 2);

      assertThat(r.ok()).isFalse();
      assertThat(r.outcomes()).extracting(StepOutcome::stepId, StepOutcome::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("rebuild/ofa-like/56",
                  StepOutcome.Status.FAILED),
              org.assertj.core.groups.Tuple.tuple("rebuild/knem-like/56",
                  StepOutcome.Status.BUILT),
              org.assertj.core.groups.Tuple.tuple("dependent/lustre-like/56",
                  StepOutcome.Status.SKIPPED),
              org.assertj.core.groups.Tuple.tuple("rebuild/ofa-like/47",
                  StepOutcome.Status.BUILT),
              org.assertj.core.groups.Tuple.tuple("dependent/lustre-like/47",
                  StepOutcome.Status.BUILT));
      Path kept = dir.resolve("work/logs/rebuild_ofa-like_56.log");
      assertThat(kept).isRegularFile();
      assertThat(r.of("rebuild/ofa-like/56").orElseThrow().message()).isEqualTo(
          "rpmbuild exited with 1: " + kept + ":2: configure: error: bad --with-o2ib path; the"
              + " --with-o2ib path has no include/rdma/{rdma_cm.h,ib_cm.h,ib_verbs.h}: point it"
              + " at the provider's devel tree ({provider.devel}) in the dependent's options");
      assertThat(r.of("dependent/lustre-like/56").orElseThrow().message())
          .isEqualTo("not run: it needs rebuild/ofa-like/56, which failed");
      assertThat(ex.ran).doesNotContain("dependent/lustre-like/56");
      assertThat(store.get(PLAN.get(0).key()).hit()).isFalse();
    }
  }

  @Test
  void run_failedStep_isRetriedNextTime() {
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      run(store, new ScriptedExecutor("rebuild/knem-like/56"), 2);
      ScriptedExecutor again = new ScriptedExecutor();
      ExecutionResult r = run(store, again, 2);

      assertThat(r.ok()).isTrue();
      assertThat(again.ran).containsExactly("rebuild/knem-like/56");
    }
  }

  @Test
  void run_independentSteps_runAtTheSameTime() throws Exception {
    // Both kernels' ofa-like rebuilds wait for each other: with 2 jobs they meet, one at a time
    // they would not (the barrier breaks and the steps fail).
    CyclicBarrier both = new CyclicBarrier(2);
    StepExecutor meeting = run -> {
      try {
        both.await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("the other step did not run alongside", e);
      }
      Files.createDirectories(StepRun.packages(run.output()));
    };
    List<PlanStep> two = List.of(step("rebuild/ofa-like/56"), step("rebuild/ofa-like/47"));
    try (ContentStore store = ContentStore.open(dir.resolve("store"))) {
      ExecutionResult r = new PlanRunner(store, meeting, dir.resolve("work"), 2,
          ExecutionListener.none()).run(two);

      assertThat(r.ok()).as(r.toString()).isTrue();
    }
  }
}
