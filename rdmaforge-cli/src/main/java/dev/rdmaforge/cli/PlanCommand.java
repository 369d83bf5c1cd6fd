package dev.rdmaforge.cli;

import dev.rdmaforge.build.plan.Plan;
import dev.rdmaforge.build.plan.PlanJson;
import dev.rdmaforge.build.plan.PlanText;
import dev.rdmaforge.build.store.ContentStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdmaforge plan stack.yaml}: what a build would do, per kernel and step, without building.
 * Exit 1 when the pre-checks refuse the stack.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what `rdmaforge build` would do for a stack: per target kernel the"
        + " bundle's kernel packages that already load, those rebuilt from their SRPM, the"
        + " dependents that follow, in order, and which steps are already in the store.",
    sortOptions = false)
public final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STACK", description = "The stack description (YAML).")
  Path stackFile;

  @Option(names = "--store", paramLabel = "DIR", description = "The content store (default:"
      + " $XDG_CACHE_HOME/rdmaforge/store or ~/.cache/rdmaforge/store).")
  Path store;

  @Option(names = "--json", description = "Machine-readable output (schema 1).")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path work = StackPlanning.newWorkDir(null);
    try (ContentStore s = ContentStore.open(store != null ? store
        : ContentStore.defaultDirectory())) {
      Plan plan = StackPlanning.plan(stackFile, s, work);
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? PlanJson.render(plan) + "\n" : PlanText.render(plan));
      out.flush();
      return plan.refused() ? 1 : 0;
    } finally {
      StackPlanning.delete(work);
    }
  }
}
