package dev.rdmaforge.kabi;

import dev.rdmaforge.check.CheckReport;
import dev.rdmaforge.check.CheckRequest;
import dev.rdmaforge.check.Checker;
import dev.rdmaforge.check.ModuleResult;
import dev.rdmaforge.check.Verdict;
import dev.rdmaforge.io.Trees;
import dev.rdmaforge.pkg.PackageInputs;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Computes the kernel-compatibility matrix: every kmod package on every kernel.
 *
 * <pre>{@code
 * KabiMatrix m = KabiMatrixBuilder.create().build(new KabiRequest(
 *     List.of(KernelInput.parse("linux-image-6.1.0-56-amd64_6.1.192-2_amd64.deb")),
 *     List.of(Path.of("rpms/")), KabiRequest.defaultCacheDir()));
 * }</pre>
 *
 * <p>For a kernel package the cells are decided by the real {@link Checker} on the package's
 * cached tree with the cells' modules put where they would be installed (grouped, see {@link
 * CellGrouping}); for a symvers or header-tree kernel by {@link SymversJudge}.
 */
public final class KabiMatrixBuilder {
  private final Supplier<Checker> checkers;

  /** A builder making one Checker per kernel with {@code checkers} (kernels run in parallel). */
  public KabiMatrixBuilder(Supplier<Checker> checkers) {
    this.checkers = checkers;
  }

  /** A builder with the standard Checker. */
  public static KabiMatrixBuilder create() {
    return new KabiMatrixBuilder(Checker::create);
  }

  public KabiMatrix build(KabiRequest request) {
    if (request.kernels().isEmpty()) {
      throw new UserInputException("no kernel given: name kernel packages, Module.symvers files"
          + " or header trees with --kernels");
    }
    KernelTreeCache cache = new KernelTreeCache(request.cacheDir());
    List<Path> files = PackageInputs.expand(request.packages());
    Path work;
    try {
      work = Files.createTempDirectory(cache.workDir(), "run-");
    } catch (IOException e) {
      throw new UserInputException(request.cacheDir() + ": cannot create a work directory in the"
          + " cache (" + e.getMessage() + "); give a writable --cache DIR");
    }
    try {
      CompletableFuture<List<KabiPackage>> loading =
          CompletableFuture.supplyAsync(() -> PackageLoader.load(files, work));
      KernelLoader loader = new KernelLoader(cache);
      List<KabiKernel> kernels =
          request.kernels().parallelStream().map(loader::load).toList();
      Map<String, String> seen = new HashMap<>();
      for (KabiKernel k : kernels) {
        String before = seen.putIfAbsent(k.release(), k.input());
        if (before != null) {
          throw new UserInputException(k.input() + ": kernel " + k.release()
              + " is already given as " + before + "; give each kernel release once");
        }
      }
      List<KabiPackage> packages = join(loading);
      if (packages.isEmpty()) {
        throw new UserInputException(String.join(", ", request.packages().stream()
            .map(Path::toString).toList()) + ": no kmod package (one that ships a .ko below"
            + " lib/modules/RELEASE/) among them; give the kmod packages with --packages");
      }
      ProviderChooser chooser = new ProviderChooser(packages);
      // Kernels are independent (each has its own cached tree and lease): decide them side by side.
      List<KernelColumn> columns =
          kernels.parallelStream().map(k -> column(k, packages, chooser)).toList();
      Map<String, KabiCell> cells = new HashMap<>();
      int runs = 0;
      for (KernelColumn column : columns) {
        runs += column.checkerRuns();
        for (KabiCell c : column.cells()) {
          cells.put(c.pkg() + "\n" + c.kernel(), c);
        }
      }
      List<KabiCell> ordered = new ArrayList<>();
      for (KabiPackage p : packages) {
        for (KabiKernel k : kernels) {
          ordered.add(cells.get(p.label() + "\n" + k.release()));
        }
      }
      return new KabiMatrix(kernels, packages, ordered, runs);
    } finally {
      Trees.deleteQuietly(work);
    }
  }

  private record KernelColumn(List<KabiCell> cells, int checkerRuns) {}

  /** Every package on one kernel. */
  private KernelColumn column(KabiKernel kernel, List<KabiPackage> packages,
      ProviderChooser chooser) {
    List<CellPlan> plans = packages.stream().map(p -> chooser.plan(p, kernel)).toList();
    RpmKernelSymbols rpm = new RpmKernelSymbols(kernel);
    // By identity: a plan's record hash would walk the kernel's export map.
    Map<CellPlan, List<KabiModule>> decided = new IdentityHashMap<>();
    for (CellPlan plan : plans) {
      decided.put(plan, SymversJudge.judge(plan));
    }
    int runs = 0;
    if (kernel.kind() == KernelKind.PACKAGE) {
      Checker checker = checkers.get();
      for (CellGrouping.Group group : CellGrouping.group(plans)) {
        runs++;
        Map<String, ModuleResult> results = check(checker, kernel, group);
        for (CellPlan plan : group.cells) {
          decided.put(plan, fromChecker(plan, results, decided.get(plan)));
        }
      }
    }
    List<KabiCell> cells = new ArrayList<>();
    for (CellPlan plan : plans) {
      List<KabiModule> modules = decided.get(plan);
      String verdict = cellVerdict(modules, plan.foreign());
      RpmCheck rpmCheck = null;
      if (plan.pkg().isRpm()) {
        List<String> unmet = rpm.unsatisfied(plan.pkg());
        boolean loads = verdict.equals("loads") || verdict.equals(KabiCell.WEAK_UPDATES);
        rpmCheck = new RpmCheck(unmet.isEmpty(), unmet, unmet.isEmpty() == loads);
      }
      cells.add(new KabiCell(plan.pkg().label(), kernel.release(), verdict, modules,
          plan.providers(), kernel.kind() == KernelKind.PACKAGE ? "checker" : "symvers",
          rpmCheck));
    }
    return new KernelColumn(cells, runs);
  }

  /** One Checker run on the kernel's tree with the group's files added. */
  private static Map<String, ModuleResult> check(Checker checker, KabiKernel kernel,
      CellGrouping.Group group) {
    try (TreeLease lease = TreeLease.acquire(kernel.root().getParent())) {
      Path root = lease.root();
      String prefix =
          root.relativize(KernelTreeCache.modulesDir(root, kernel.release())).toString();
      Set<String> added = new LinkedHashSet<>();
      Set<String> names = new LinkedHashSet<>();
      for (CellPlan plan : group.cells) {
        for (CellPlan.Placed p : plan.modules()) {
          String rel = prefix + "/" + p.relPath();
          if (added.add(rel)) {
            lease.add(rel, p.module().extracted());
          }
        }
        for (KabiPackage.ConfigFile c : plan.configFiles()) {
          if (added.add(c.packagePath())) {
            lease.add(c.packagePath(), c.extracted());
          }
        }
        plan.pkg().modules().forEach(m -> names.add(m.name()));
      }
      CheckReport report = checker.check(new CheckRequest(root, kernel.release(),
          kernel.symvers(), null, List.of(), false, null, List.copyOf(names)));
      Map<String, ModuleResult> byName = new HashMap<>();
      for (ModuleResult r : report.results()) {
        byName.putIfAbsent(r.module(), r);
      }
      return byName;
    }
  }

  /** The Checker's verdicts, with both CRCs of each disagreement from the static view. */
  private static List<KabiModule> fromChecker(CellPlan plan, Map<String, ModuleResult> results,
      List<KabiModule> fromSymvers) {
    List<KabiModule> modules = new ArrayList<>();
    for (int i = 0; i < plan.pkg().modules().size(); i++) {
      PackagedModule m = plan.pkg().modules().get(i);
      ModuleResult r = results.get(m.name());
      KabiModule s = fromSymvers.get(i);
      if (r == null) {
        modules.add(new KabiModule(m.name(), s.file(), Verdict.NOT_FOUND.id(), List.of(),
            "modprobe finds no module " + m.name(), null, List.of()));
        continue;
      }
      List<KabiModule.Mismatch> mismatches =
          r.verdict() == Verdict.SYMBOL_VERSION_MISMATCH ? s.mismatches() : List.of();
      modules.add(new KabiModule(m.name(), r.file(), r.verdict().id(), r.symbols(), r.why(),
          r.blockedBy(), mismatches));
    }
    return modules;
  }

  /**
   * The cell's verdict: all load ({@code loads}, or {@code loads-via-weak-updates} for a package
   * built for another kernel); else the failure earliest in the kernel's check order among the
   * modules failing on their own account; else {@code dependency-failed}.
   */
  static String cellVerdict(List<KabiModule> modules, boolean foreign) {
    Verdict worst = null;
    boolean blocked = false;
    for (KabiModule m : modules) {
      if (m.loads()) {
        continue;
      }
      Verdict v = byId(m.verdict());
      if (v == Verdict.DEPENDENCY_FAILED) {
        blocked = true;
      } else if (worst == null || v.ordinal() < worst.ordinal()) {
        worst = v;
      }
    }
    if (worst != null) {
      return worst.id();
    }
    if (blocked) {
      return Verdict.DEPENDENCY_FAILED.id();
    }
    return foreign ? KabiCell.WEAK_UPDATES : Verdict.LOADS.id();
  }

  private static Verdict byId(String id) {
    for (Verdict v : Verdict.values()) {
      if (v.id().equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException(id);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
