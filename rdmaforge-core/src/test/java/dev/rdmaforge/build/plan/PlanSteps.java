package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.store.StepKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Plan steps for tests: a rebuild or a dependent of one kernel with a key over its id. */
public final class PlanSteps {
  private PlanSteps() {}

  /** A step named {@code id} depending on {@code deps}; its key hashes the id. */
  public static PlanStep step(String id, String... deps) {
    StepKind kind = id.startsWith("dependent/") ? StepKind.DEPENDENT : StepKind.REBUILD;
    StepKey key = StepKey.builder(kind.id()).label(id).string("id", id).build();
    return new PlanStep(id, kind, "6.1.0-56-amd64", key, false, List.of(deps), "test",
        new StepWork(Path.of("/nonexistent/" + id + ".src.rpm"), SourceKind.SRPM, "6.1.0-56-amd64",
            Path.of("/usr/src/linux-headers-6.1.0-56-amd64"),
            deps.length == 0 ? Optional.empty() : Optional.of(deps[0]), Optional.empty(),
            kind == StepKind.DEPENDENT ? "ofa-like-devel" : "", List.of(), List.of()));
  }
}
