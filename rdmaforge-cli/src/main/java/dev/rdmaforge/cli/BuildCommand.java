package dev.rdmaforge.cli;

import dev.rdmaforge.build.exec.ExecutionResult;
import dev.rdmaforge.build.exec.LocalStepExecutor;
import dev.rdmaforge.build.exec.PlanRunner;
import dev.rdmaforge.build.exec.StepOutcome;
import dev.rdmaforge.build.output.LoadVerdict;
import dev.rdmaforge.build.output.OutputResult;
import dev.rdmaforge.build.output.StackOutputs;
import dev.rdmaforge.build.plan.Plan;
import dev.rdmaforge.build.plan.PlanText;
import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.kabi.KabiRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdmaforge build stack.yaml}: plans, runs the missing steps (in parallel, each in its own
 * build root), writes the bundle in its own layout with the rebuilt packages and checks that it
 * loads on every target kernel. Exit 1 when a step fails or the result would not load.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Rebuild a stack for its target kernels: the bundle's kernel packages that do"
        + " not load there and the dependents, each step cached in the content store; the"
        + " bundle is written in its own layout with a .tgz and repodata, after a load check.",
    sortOptions = false)
public final class BuildCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "STACK", description = "The stack description (YAML).")
  Path stackFile;

  @Option(names = "--store", paramLabel = "DIR", description = "The content store (default:"
      + " $XDG_CACHE_HOME/rdmaforge/store or ~/.cache/rdmaforge/store).")
  Path store;

  @Option(names = "--jobs", paramLabel = "N", description = "Steps run at once (default: the"
      + " number of processors).")
  Integer jobs;

  @Option(names = "--work", paramLabel = "DIR", description = "Where build roots and failed"
      + " steps' logs go, in a new subdirectory (default: the system's temporary directory);"
      + " removed when the build succeeds.")
  Path workParent;

  @Option(names = "--progress", paramLabel = "MODE", converter = ProgressMode.Converter.class,
      description = "auto (default): a bar per running step when stdout is a terminal, else"
          + " plain; tty: always bars; plain: one line per event.")
  ProgressMode progress = ProgressMode.AUTO;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path work = StackPlanning.newWorkDir(workParent);
    boolean keepWork = false;
    try (ContentStore s = ContentStore.open(store != null ? store
        : ContentStore.defaultDirectory())) {
      Plan plan = StackPlanning.plan(stackFile, s, work);
      if (plan.refused()) {
        err.print(PlanText.render(plan));
        err.flush();
        return 1;
      }
      int n = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
      ExecutionResult result;
      try (BuildProgress view = BuildProgress.open(progress, out, plan.steps().size())) {
        result = new PlanRunner(s, new LocalStepExecutor(), work, n, view).run(plan.steps());
      }
      if (!result.ok()) {
        keepWork = true;
        err.println("build failed: " + result.count(StepOutcome.Status.FAILED) + " step(s) failed, "
            + result.count(StepOutcome.Status.SKIPPED) + " not run; the failed steps' logs are"
            + " kept in " + work.resolve("logs"));
        for (StepOutcome o : result.outcomes()) {
          if (!o.ok()) {
            err.println("  " + o.stepId() + ": " + o.message());
          }
        }
        err.flush();
        return 1;
      }
      OutputResult written = StackOutputs.write(plan, result, KabiRequest.defaultCacheDir());
      if (written.upToDate()) {
        out.println("output " + written.directory() + " is up to date");
      }
      for (LoadVerdict v : written.verdicts()) {
        (v.loads() ? out : err).println("load check: " + v.kernel() + ": " + v.pkg() + ": "
            + v.verdict() + (v.detail().isEmpty() ? "" : "; " + v.detail()));
      }
      if (!written.upToDate() && !written.loads()) {
        err.println("build failed: the result would not load on its target kernels (see above);"
            + " " + written.directory() + " was left as it was");
        err.flush();
        return 1;
      }
      if (written.written()) {
        out.println("wrote " + written.directory());
      }
      out.println(String.format(Locale.ROOT, "done: %d built, %d cached in %s",
          result.count(StepOutcome.Status.BUILT), result.count(StepOutcome.Status.CACHED),
          seconds(Duration.ofNanos(System.nanoTime() - start))));
      out.flush();
      return 0;
    } finally {
      if (!keepWork) {
        StackPlanning.delete(work);
      }
    }
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
