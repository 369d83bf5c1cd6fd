package dev.rdmaforge.build.plan;

import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.stack.StackDescription;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to plan.
 *
 * @param stack the description
 * @param store the content store that says which steps are cached
 * @param workDir a new or empty directory for the unpacked bundle, kernel packages and SRPMs; it
 *     must live as long as the plan is used (the steps' sources are in it)
 * @param kabiCache the kernel-compatibility matrix's cache directory
 */
public record PlanRequest(StackDescription stack, ContentStore store, Path workDir,
    Path kabiCache) {

  /** Requires every part. */
  public PlanRequest {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(kabiCache, "kabiCache");
  }
}
