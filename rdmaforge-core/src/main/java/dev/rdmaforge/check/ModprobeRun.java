package dev.rdmaforge.check;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.modprobe.CommandEntry;
import dev.rdmaforge.modprobe.LookupIndexes;
import dev.rdmaforge.modprobe.ModprobeConfig;
import dev.rdmaforge.modprobe.ProbePlan;
import dev.rdmaforge.modprobe.ProbePlanner;
import dev.rdmaforge.modprobe.ProbeRequest;
import dev.rdmaforge.modprobe.ProbeStep;
import dev.rdmaforge.modprobe.ProbeTarget;
import dev.rdmaforge.modprobe.StepReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code modprobe NAME} on a freshly booted kernel, played against the kernel's rules: the list
 * modprobe works through (the lookup, blacklist, modules.dep dependencies, softdeps, install lines,
 * options; {@link ProbePlanner}), each module inserted in turn and skipped when already there,
 * stopping at the first required one the kernel refuses; failed softdeps are ignored, as modprobe
 * ignores them. Install commands are followed as far as {@link InstallCommand} can read them,
 * including the modprobe runs they start.
 */
final class ModprobeRun {
  /** A modprobe started by an install command that starts one again: give up, do not loop. */
  private static final int MAX_NESTING = 8;

  private final Resolution resolution;
  private final TargetKernel kernel;
  private final ModuleFiles files;
  private final ModprobeConfig config;
  private final LookupIndexes indexes;
  private final Consumer<Insertion> failures;
  private final Consumer<ParameterComplaint> complaints;
  /**
   * Each module's insertion on a kernel holding just its dependencies, decided once: the providers
   * of its symbols are its dependencies, which modprobe always inserts before it, so the answer is
   * the same in every run, unless a module loaded for another reason (a softdep, a sibling) already
   * exports one of its symbols; that case is decided again on the spot.
   */
  private final Map<String, Decided> decided = new ConcurrentHashMap<>();

  private record Decided(Insertion insertion, Set<String> closure) {}

  /**
   * What the kernel says about the options of one insertion.
   *
   * @param module the module
   * @param options the options modprobe passed
   * @param complaint the kernel's complaint
   */
  record ParameterComplaint(
      String module, String options, ModuleParameters.Complaint complaint) {}

  /**
   * @param failures receives every refused insertion (the blockers and failed softdeps too), for
   *     findings
   * @param complaints receives what the kernel says about options, ignored ones included
   */
  ModprobeRun(Resolution resolution, TargetKernel kernel, ModuleFiles files,
      ModprobeConfig config, LookupIndexes indexes, Consumer<Insertion> failures,
      Consumer<ParameterComplaint> complaints) {
    this.resolution = resolution;
    this.kernel = kernel;
    this.files = files;
    this.config = config;
    this.indexes = indexes;
    this.failures = failures;
    this.complaints = complaints;
  }

  /** The kernel as one modprobe run and the commands it starts leave it. */
  private final class Session {
    final KernelState state = new KernelState(kernel);
    final List<String> inserted = new ArrayList<>();
    final Map<String, Insertion> loaded = new HashMap<>();
  }

  /**
   * Why a probe stopped: the module whose insertion or install command failed.
   *
   * @param module that module
   * @param file its file relative to the module tree, or null
   * @param verdict the failure
   * @param symbols the symbols the kernel names
   * @param why one line
   */
  private record Failure(
      String module, String file, Verdict verdict, List<String> symbols, String why) {}

  /** The result of probing one module a name resolved to: null failure for success. */
  private record Probed(ProbeTarget target, Failure failure, CommandEntry install) {}

  /** The results of {@code modprobe requested}: one per module the name resolves to. */
  List<ModuleResult> run(String requested) {
    Session session = new Session();
    ProbePlanner planner = new ProbePlanner(config, indexes);
    ProbePlan plan = planner.plan(ProbeRequest.load(requested));
    String name = requested.replace('-', '_');
    if (!plan.found()) {
      return List.of(new ModuleResult(name, null, Verdict.NOT_FOUND, List.of(), null, List.of(),
          "Module " + name + " not found in directory /lib/modules/" + kernel.release(),
          List.of()));
    }
    List<ModuleResult> results = new ArrayList<>();
    for (ProbeTarget target : plan.targets()) {
      Probed probed = probe(target, session, 0);
      results.add(result(probed, session));
    }
    return results;
  }

  private ModuleResult result(Probed probed, Session session) {
    ProbeTarget target = probed.target();
    String name = target.module();
    String file = resolution.module(name).map(DepmodModule::outputPath).orElse(null);
    List<String> order = session.inserted;
    switch (target.outcome()) {
      case ALREADY_IN_KERNEL:
        return new ModuleResult(name, null, Verdict.LOADS, List.of(), null, List.of(),
            "built into the kernel", List.of(name));
      case BLACKLISTED:
        return new ModuleResult(name, null, Verdict.SKIPPED, List.of(), null, List.of(),
            "asked for by its alias " + target.alias() + " and blacklisted"
                + blacklistOrigin(name) + ": modprobe skips it", List.of());
      default:
        break;
    }
    Failure f = probed.failure();
    Insertion own = session.loaded.get(name);
    if (own != null) {
      // Live in the kernel, whatever failed after it (a post-softdep, the rest of an install
      // command): that is what the node has.
      String why = f == null ? own.why()
          : own.why() + "; modprobe then fails (" + f.module() + ": " + f.verdict().id() + ")";
      return new ModuleResult(name, file, Verdict.LOADS, List.of(), null, own.taints(), why,
          order);
    }
    if (f != null) {
      if (f.verdict() == Verdict.INSTALL_COMMAND) {
        return new ModuleResult(name, null, Verdict.INSTALL_COMMAND, List.of(), null, List.of(),
            f.module().equals(name) ? f.why() : "needs " + f.module() + ": " + f.why(), order);
      }
      if (f.module().equals(name)) {
        // An install command replaced the insertion: nothing of the module's was inserted.
        String inserted = f.verdict() == Verdict.INSTALL_COMMAND_FAILED ? null : file;
        return new ModuleResult(name, inserted, f.verdict(), f.symbols(), null, List.of(),
            f.why(), order);
      }
      return new ModuleResult(name, file, Verdict.DEPENDENCY_FAILED, List.of(), f.module(),
          List.of(),
          "needs " + f.module() + (f.file() == null ? "" : " (" + f.file() + ")")
              + ", which does not load: " + f.verdict().id() + ": " + f.why(),
          order);
    }
    if (kernel.builtin().contains(name)) {
      return new ModuleResult(name, null, Verdict.LOADS, List.of(), null, List.of(),
          "built into the kernel", order);
    }
    CommandEntry install = probed.install();
    String why = install == null
        ? "modprobe succeeds without loading it"
        : "the install line " + install.origin() + " runs `" + install.command().strip()
            + "` instead, which succeeds without loading it";
    return new ModuleResult(name, null, Verdict.SKIPPED, List.of(), null, List.of(), why, order);
  }

  private String blacklistOrigin(String module) {
    return config.blacklists().stream()
        .filter(b -> b.module().equals(module))
        .findFirst()
        .map(b -> " (" + b.origin() + ")")
        .orElse("");
  }

  /** kmod_module_probe_insert_module for one module of the lookup. */
  private Probed probe(ProbeTarget target, Session session, int depth) {
    if (target.outcome() != ProbeTarget.Outcome.PROBED) {
      return new Probed(target, null, null);
    }
    if (session.state.isLoaded(target.module())) {
      return new Probed(target, null, null); // already live: modprobe does nothing
    }
    CommandEntry targetInstall = null;
    for (ProbeStep step : target.steps()) {
      if (session.state.isLoaded(step.module())) {
        continue;
      }
      Failure failure;
      switch (step.action()) {
        case INSERT:
          failure = insert(step, session);
          break;
        case RUN_INSTALL:
          if (step.reason().kind() == StepReason.Kind.REQUESTED) {
            targetInstall = step.install();
          }
          failure = runInstall(step, session, depth);
          break;
        case NO_FILE:
          failure = new Failure(step.module(), null, Verdict.NOT_FOUND, List.of(),
              "no file in modules.dep and not built in: could not insert '" + step.module()
                  + "': Unknown symbol in module, or unknown parameter (see dmesg)");
          break;
        default:
          failure = null; // built in: nothing to do
          break;
      }
      if (failure != null && step.required()) {
        return new Probed(target, failure, targetInstall);
      }
      // A failed softdep is ignored by modprobe; its refusal is already among the findings.
    }
    return new Probed(target, null, targetInstall);
  }

  /** One insertion, the kernel's rules applied; null when the module loads. */
  private Failure insert(ProbeStep step, Session session) {
    Optional<DepmodModule> found = resolution.module(step.module());
    if (found.isEmpty()) {
      return new Failure(step.module(), null, Verdict.NOT_FOUND, List.of(),
          "not in the resolved module tree");
    }
    DepmodModule m = found.get();
    session.inserted.add(m.name());
    Object read = files.get(m);
    if (read instanceof ModuleFiles.Unreadable u) {
      return new Failure(m.name(), m.outputPath(), Verdict.INVALID_MODULE, List.of(), u.reason());
    }
    CheckedModule module = (CheckedModule) read;
    Insertion ins = decide(m, module, session.state);
    if (!ins.loads()) {
      failures.accept(ins);
      return new Failure(m.name(), m.outputPath(), ins.verdict(), ins.symbols(), ins.why());
    }
    // parse_args runs after every other check of load_module.
    if (!step.options().isBlank()) {
      List<ModuleParameters.Complaint> said =
          ModuleParameters.check(step.options(), module.facts().modinfo("parmtype"));
      said.forEach(c -> complaints.accept(new ParameterComplaint(m.name(), step.options(), c)));
      List<String> fatal = said.stream()
          .filter(ModuleParameters.Complaint::fatal)
          .map(ModuleParameters.Complaint::kernelMessage)
          .toList();
      if (!fatal.isEmpty()) {
        return new Failure(m.name(), m.outputPath(), Verdict.INVALID_PARAMETER, List.of(),
            String.join("; ", fatal) + " (options '" + step.options().strip() + "')");
      }
    }
    session.state.add(ins.module());
    session.loaded.put(m.name(), ins);
    return null;
  }

  private Insertion decide(DepmodModule m, CheckedModule module, KernelState state) {
    Decided d = decided.get(m.name());
    if (d == null) {
      KernelState canonical = new KernelState(kernel);
      Set<String> closure = new HashSet<>();
      List<DepmodModule> deps = new ArrayList<>(resolution.allDependencies(m));
      Collections.reverse(deps); // modules.dep lists the deepest last; modprobe inserts it first
      for (DepmodModule dep : deps) {
        closure.add(dep.name());
        if (!canonical.isLoaded(dep.name()) && files.get(dep) instanceof CheckedModule c) {
          canonical.add(c);
        }
      }
      d = new Decided(LoaderRules.insert(module, canonical), Set.copyOf(closure));
      Decided earlier = decided.putIfAbsent(m.name(), d);
      d = earlier == null ? d : earlier;
    }
    if (d.insertion().loads() && state.exportsClashOutside(module, d.closure())) {
      return LoaderRules.insert(module, state);
    }
    return d.insertion();
  }

  /** An install line's command, followed where it can be read; null when it succeeds. */
  private Failure runInstall(ProbeStep step, Session session, int depth) {
    CommandEntry line = step.install();
    String command = step.expandedInstallCommand();
    String where = "the install line " + line.origin() + " runs `" + command.strip() + "`";
    Optional<List<InstallCommand.Link>> parsed = InstallCommand.parse(command);
    if (parsed.isEmpty() || depth >= MAX_NESTING) {
      return new Failure(step.module(), null, Verdict.INSTALL_COMMAND, List.of(),
          where + " instead of inserting it; rdmaforge does not run commands, so its effect is"
              + " not predicted");
    }
    int status = 0;
    Failure kernelFailure = null;
    boolean first = true;
    for (InstallCommand.Link link : parsed.get()) {
      boolean runs = first
          || ";".equals(link.operator())
          || ("&&".equals(link.operator()) && status == 0)
          || ("||".equals(link.operator()) && status != 0);
      first = false;
      if (!runs) {
        continue;
      }
      InstallCommand.Simple simple = link.command();
      if (simple instanceof InstallCommand.Exits e) {
        status = e.status();
      } else if (simple instanceof InstallCommand.Modprobe mp) {
        Failure f = nestedModprobe(mp, session, depth + 1);
        status = f == null ? 0 : 1;
        if (f != null && f.verdict() == Verdict.INSTALL_COMMAND) {
          return f;
        }
        if (f != null && kernelFailure == null) {
          kernelFailure = f;
        }
      } else {
        return new Failure(step.module(), null, Verdict.INSTALL_COMMAND, List.of(),
            where + " instead of inserting it; `" + ((InstallCommand.Opaque) simple).text()
                + "` is not a command rdmaforge can follow without running it");
      }
    }
    if (status == 0) {
      return null;
    }
    if (kernelFailure != null && kernelFailure.verdict() != Verdict.INSTALL_COMMAND_FAILED
        && kernelFailure.verdict() != Verdict.NOT_FOUND) {
      return kernelFailure; // the kernel refused a module the command loads: that is the reason
    }
    return new Failure(step.module(), null, Verdict.INSTALL_COMMAND_FAILED, List.of(),
        where + " instead of inserting it, and the command fails"
            + (kernelFailure == null ? "" : " (" + kernelFailure.why() + ")")
            + ": modprobe exits 1");
  }

  /** A modprobe an install command starts: a new process, the same kernel; null on success. */
  private Failure nestedModprobe(InstallCommand.Modprobe mp, Session session, int depth) {
    ProbePlanner planner = new ProbePlanner(config, indexes);
    Failure failed = null;
    for (String name : mp.names()) {
      ProbeRequest request = ProbeRequest.load(name).withArguments(mp.arguments());
      if (mp.ignoreInstall()) {
        request = request.withIgnoreCommands();
      }
      if (mp.useBlacklist()) {
        request = request.withUseBlacklist();
      }
      if (mp.names().size() > 1) {
        request = request.withAll();
      }
      ProbePlan plan = planner.plan(request);
      if (!plan.found() && failed == null) {
        failed = new Failure(name, null, Verdict.NOT_FOUND, List.of(),
            "`" + mp.text() + "`: Module " + name + " not found");
      }
      for (ProbeTarget target : plan.targets()) {
        if (mp.firstTime() && session.state.isLoaded(target.module()) && failed == null) {
          failed = new Failure(target.module(), null, Verdict.INSTALL_COMMAND_FAILED, List.of(),
              "`" + mp.text() + "`: Module already in kernel");
          continue;
        }
        Failure f = probe(target, session, depth).failure();
        if (f != null && failed == null) {
          failed = f;
        }
      }
    }
    return failed;
  }
}
