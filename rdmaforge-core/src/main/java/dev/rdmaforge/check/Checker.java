package dev.rdmaforge.check;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodFailure;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.DepmodOutputs;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.modprobe.LookupIndexes;
import dev.rdmaforge.modprobe.ModprobeConfig;
import dev.rdmaforge.modprobe.ModprobeConfigParser;
import dev.rdmaforge.modprobe.ModprobeConfigRequest;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.UserInputException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code rdmaforge check} as a library call: resolves the image's module tree as its own depmod
 * would, then plays {@code modprobe NAME} for every requested module against the target kernel's
 * rules, and says for each what happens and, for each failure, how to fix it.
 */
public final class Checker {
  private final Depmod depmod;
  private final SignatureCheckers signatureCheckers;

  public Checker(Depmod depmod, SignatureCheckers signatureCheckers) {
    this.depmod = depmod;
    this.signatureCheckers = signatureCheckers;
  }

  /** A checker with the default module cache and signature verification. */
  public static Checker create() {
    return new Checker(Depmod.create(), SignatureCheckers.standard());
  }

  public CheckReport check(CheckRequest request) {
    String kver = request.kernelRelease();
    if (!Files.isDirectory(request.root())) {
      throw new UserInputException(request.root() + ": no such directory; pass the image root");
    }
    if (!Files.isDirectory(request.root().resolve("lib/modules/" + kver))
        && !Files.isDirectory(request.root().resolve("usr/lib/modules/" + kver))) {
      throw new UserInputException(request.root() + ": no lib/modules/" + kver
          + " in the image; install the kernel's modules or pass the release the image has");
    }
    DepmodRequest depmodRequest = DepmodRequest.chroot(request.root(), kver);
    if (request.depmodConfig() != null) {
      depmodRequest = depmodRequest.withConfigPaths(request.depmodConfig(), TreeView.host());
    }
    List<String> depmodMessages = new ArrayList<>();
    DepmodLog log = (level, message) -> {
      if (level.priority() <= DepmodLog.Level.WARNING.priority()) {
        depmodMessages.add("depmod: " + level.name() + ": " + message.stripTrailing());
      }
    };
    // The kernel's exports and keys do not depend on the tree: read them while depmod resolves.
    TreeView rootView = depmodRequest.view();
    CompletableFuture<TargetKernelLoader.Exports> exports =
        CompletableFuture.supplyAsync(() -> TargetKernelLoader.exports(request, rootView));
    CompletableFuture<SignatureCheckers.Prepared> prepared =
        CompletableFuture.supplyAsync(() -> signatureCheckers.prepare(request, rootView));
    Resolution resolution;
    try {
      resolution = depmod.resolve(depmodRequest, log);
    } catch (DepmodFailure f) {
      throw new UserInputException(request.root() + ": depmod fails on this tree: "
          + f.getMessage());
    }
    TreeView view = depmodRequest.view();
    try (SignatureCheckers.Prepared sigs = join(prepared)) {
      TargetKernel kernel = TargetKernelLoader.load(request, view, resolution, join(exports),
          sigs.checker(), sigs.sources());
      ModuleFactsCache cache = factsCache();
      ModprobeConfig modprobeConfig = ModprobeConfigParser.load(
          new ModprobeConfigRequest(ModprobeConfigRequest.DEFAULT_PATHS, view,
                  "/lib/modules/" + kver, Optional.ofNullable(request.kernelCommandLine()))
              .withModulesSoftdep(DepmodOutputs.renderOne(resolution, "modules.softdep")));
      CheckReport report =
          check(request, resolution, kernel, new ModuleFiles(view, cache), modprobeConfig);
      cache.save();
      List<String> sources = new ArrayList<>(report.sources());
      sources.addAll(modprobeConfig.files().stream()
          .filter(f -> !f.endsWith("/modules.softdep"))
          .map(f -> "modprobe.d: " + f)
          .toList());
      sources.addAll(depmodMessages);
      modprobeConfig.messages().forEach(m -> sources.add(m.line().stripTrailing()));
      return new CheckReport(report.kernel(), report.results(), report.findings(), sources);
    }
  }

  /** The value of a background step; its user-input errors are thrown as they are. */
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

  private static ModuleFactsCache factsCache() {
    return "off".equals(System.getenv(Depmod.CACHE_ENV))
        ? ModuleFactsCache.inMemory()
        : ModuleFactsCache.open(ModuleFactsCache.defaultFile());
  }

  private CheckReport check(CheckRequest request, Resolution resolution, TargetKernel kernel,
      ModuleFiles files, ModprobeConfig modprobeConfig) {

    List<String> names = new ArrayList<>();
    if (request.all()) {
      TreeSet<String> sorted = new TreeSet<>();
      for (DepmodModule m : resolution.modules()) {
        sorted.add(m.name());
      }
      names.addAll(sorted);
      // Read every file up front on all cores; each run below then only looks them up.
      resolution.modules().parallelStream().forEach(m -> files.get(m));
    } else {
      names.addAll(request.modules());
    }

    Map<String, Insertion> failures = new ConcurrentHashMap<>();
    LookupIndexes indexes = new LookupIndexes(
        new ResolutionModuleTree(resolution, kernel.builtin()));
    Map<String, ModprobeRun.ParameterComplaint> complaints = new ConcurrentHashMap<>();
    ModprobeRun modprobe = new ModprobeRun(resolution, kernel, files, modprobeConfig, indexes,
        ins -> failures.putIfAbsent(ins.module().file(), ins),
        c -> complaints.putIfAbsent(c.module() + " " + c.complaint().name(), c));
    List<ModuleResult> results = new ArrayList<>(names.size());
    if (request.all()) {
      names.parallelStream().map(modprobe::run).toList().forEach(results::addAll);
    } else {
      for (String n : names) {
        results.addAll(modprobe.run(n));
      }
    }
    FixAdvisor advisor = new FixAdvisor(request, resolution, kernel, files);
    List<Finding> findings = new ArrayList<>(advisor.findings(results, failures));
    ModprobeConfigFindings configFindings = new ModprobeConfigFindings(modprobeConfig);
    findings.addAll(configFindings.findings(results));
    findings.addAll(configFindings.parameterFindings(complaints.values()));
    return new CheckReport(kernel.release(), results, findings, kernel.sources());
  }
}
