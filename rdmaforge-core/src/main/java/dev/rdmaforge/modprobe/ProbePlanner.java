package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Origin;
import dev.rdmaforge.depmod.index.KmodNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out what kmod 30's modprobe does for a name, without loading anything: the lookup ({@code
 * kmod_module_new_from_lookup}), the blacklist check, the list of modules to act on ({@code
 * __kmod_module_get_probe_list}: modules.dep dependencies last-listed first, softdeps pre and post
 * around each, each module visited once per probe except that a dependency's softdeps are filled in
 * every time) and, per module, its options, its install command and whether the command runs.
 *
 * <p>One planner stands for one modprobe run: libkmod keeps every module it has met in a pool for
 * the whole run, with cached facts and a flag ("ignore the install command") that later probes of
 * the same run see. Call {@link #plan} once per name, in order, to model {@code modprobe -a A B};
 * use a new planner for a new run.
 *
 * <p>Nothing is loaded, so the only modules "in the kernel" are the built-in ones.
 */
public final class ProbePlanner {
  private final ModprobeConfig config;
  private final ModuleTree tree;
  private final LookupIndexes indexes;
  private final Map<String, PooledModule> pool = new HashMap<>();
  private List<ModprobeMessage> messages = new ArrayList<>();

  public ProbePlanner(ModprobeConfig config, ModuleTree tree) {
    this(config, new LookupIndexes(tree));
  }

  /** A planner for one more run over a tree whose indexes earlier runs already prepared. */
  public ProbePlanner(ModprobeConfig config, LookupIndexes indexes) {
    this.config = config;
    this.tree = indexes.tree();
    this.indexes = indexes;
  }

  /** What modprobe does for {@code request}. */
  public ProbePlan plan(ProbeRequest request) {
    messages = new ArrayList<>();
    List<Found> found = lookup(request.name());
    List<ProbeTarget> targets = new ArrayList<>();
    if (found.isEmpty()) {
      messages.add(notFound(request.name(), request.all() ? Level.WARNING : Level.FATAL));
    }
    for (Found f : found) {
      targets.add(probe(f, request));
    }
    return new ProbePlan(request, targets, messages);
  }

  /**
   * {@code modprobe -R NAME}: the module names the name resolves to, in kmod's order; empty when
   * not found (modprobe then prints {@link #notFound} and exits 1).
   */
  public List<String> resolve(String name) {
    messages = new ArrayList<>();
    List<String> names = new ArrayList<>();
    lookup(name).forEach(f -> names.add(f.module().name));
    return names;
  }

  /** modprobe's message for a name it cannot find (FATAL, or WARNING with {@code -a}). */
  public ModprobeMessage notFound(String name, Level level) {
    return ModprobeMessage.fromTool(
        level, "Module " + name + " not found in directory " + tree.directory());
  }

  // ---- lookup -----------------------------------------------------------------------------

  private record Found(PooledModule module, LookupSource source, Origin origin) {}

  /** kmod_module_new_from_lookup: the first source that yields anything; empty when none. */
  private List<Found> lookup(String given) {
    Optional<String> normalised = KmodNames.normalizeAlias(given);
    if (normalised.isEmpty()) {
      return List.of(); // -EINVAL: modprobe reports it as not found
    }
    String name = normalised.get();
    List<Found> found = new ArrayList<>();
    for (AliasEntry a : config.aliases()) {
      if (Fnmatch.matches(a.pattern(), name)) {
        found.add(
            new Found(fromAlias(a.pattern(), a.module()), LookupSource.CONFIG_ALIAS, a.origin()));
      }
    }
    if (!found.isEmpty()) {
      return found;
    }
    if (name.indexOf(':') < 0) { // module names never hold ':'
      Optional<DepEntry> entry = tree.depEntry(name);
      if (entry.isPresent()) {
        PooledModule m = fromName(name);
        parseDepEntry(m, entry.get());
        return List.of(new Found(m, LookupSource.MODULES_DEP, null));
      }
    }
    if (name.startsWith("symbol:")) {
      for (String module : symbols().search(name)) {
        found.add(new Found(fromAlias(name, module), LookupSource.MODULES_SYMBOLS, null));
      }
      if (!found.isEmpty()) {
        return found;
      }
    }
    Found command = fromCommands(name);
    if (command != null) {
      return List.of(command);
    }
    for (String module : aliases().search(name)) {
      found.add(new Found(fromAlias(name, module), LookupSource.MODULES_ALIAS, null));
    }
    if (!found.isEmpty()) {
      return found;
    }
    if (tree.isBuiltin(name)) {
      PooledModule m = fromName(name);
      m.builtin = true;
      return List.of(new Found(m, LookupSource.MODULES_BUILTIN, null));
    }
    for (String module : builtinAliases().search(name)) {
      PooledModule m = fromAlias(name, module);
      m.builtin = true;
      found.add(new Found(m, LookupSource.MODULES_BUILTIN_ALIAS, null));
    }
    return found;
  }

  /** An install line for exactly this name, else a remove line: a module known by its command. */
  private Found fromCommands(String name) {
    for (CommandEntry c : config.installCommands()) {
      if (c.module().equals(name)) {
        PooledModule m = fromName(c.module());
        m.install = c;
        m.installLoaded = true;
        return new Found(m, LookupSource.INSTALL_COMMAND, c.origin());
      }
    }
    for (CommandEntry c : config.removeCommands()) {
      if (c.module().equals(name)) {
        return new Found(fromName(c.module()), LookupSource.REMOVE_COMMAND, c.origin());
      }
    }
    return null;
  }

  private WildcardIndex aliases() {
    return indexes.aliases();
  }

  private WildcardIndex symbols() {
    return indexes.symbols();
  }

  private WildcardIndex builtinAliases() {
    return indexes.builtinAliases();
  }

  // ---- the module pool ---------------------------------------------------------------------

  private PooledModule fromName(String name) {
    String normalised = KmodNames.normalizeModname(name);
    return pool.computeIfAbsent(normalised, k -> new PooledModule(normalised, null));
  }

  private PooledModule fromAlias(String alias, String name) {
    return pool.computeIfAbsent(PooledModule.key(name, alias), k -> new PooledModule(name, alias));
  }

  /** kmod_module_new_from_path: the file must exist; the name comes from its basename. */
  private PooledModule fromPath(String path) {
    if (!tree.fileExists(path)) {
      depError(path, "No such file or directory");
      return null;
    }
    Optional<String> name = KmodNames.modnameFromPath(path);
    if (name.isEmpty()) {
      depError(path, "No such file or directory");
      return null;
    }
    PooledModule m = pool.get(name.get());
    if (m == null) {
      m = new PooledModule(name.get(), null);
      pool.put(m.name, m);
      m.path = path;
    } else if (m.path == null) {
      m.path = path;
    } else if (!m.path.equals(path)) {
      messages.add(
          ModprobeMessage.fromLibrary(
              Level.ERROR,
              "libkmod-module.c:428",
              "kmod_module_new_from_path",
              "kmod_module '"
                  + m.name
                  + "' already exists with different path: new-path='"
                  + path
                  + "' old-path='"
                  + m.path
                  + "'"));
      depError(path, "File exists");
      return null;
    }
    m.builtin = false;
    return m;
  }

  /**
   * kmod's message when a dependency of a modules.dep line cannot be used. kmod also prints its
   * context's address ({@code ctx=0x...}), which no one can predict; it is left out here.
   */
  private void depError(String path, String error) {
    messages.add(
        ModprobeMessage.fromLibrary(
            Level.ERROR,
            "libkmod-module.c:191",
            "kmod_module_parse_depline",
            "path=" + path + " error=" + error));
  }

  private String join(String path) {
    return path.startsWith("/") ? path : tree.directory() + "/" + path;
  }

  /** kmod_module_parse_depline: the module's file and its dependencies, last listed first. */
  private void parseDepEntry(PooledModule m, DepEntry entry) {
    if (m.depsLoaded) {
      return;
    }
    m.depsLoaded = true;
    if (m.path == null) {
      m.path = join(entry.path());
    }
    List<PooledModule> deps = new ArrayList<>();
    for (String dep : entry.dependencies()) {
      PooledModule d = fromPath(join(dep));
      if (d == null) {
        m.depsLoaded = false; // kmod drops the whole list and will try again next time
        return;
      }
      deps.add(0, d);
    }
    m.deps = deps;
  }

  private List<PooledModule> dependencies(PooledModule m) {
    if (!m.depsLoaded) {
      tree.depEntry(m.name).ifPresent(e -> parseDepEntry(m, e));
    }
    return m.depsLoaded ? m.deps : List.of();
  }

  private String path(PooledModule m) {
    if (m.path != null || m.depsLoaded) {
      return m.path;
    }
    tree.depEntry(m.name).ifPresent(e -> parseDepEntry(m, e));
    return m.path;
  }

  private boolean builtin(PooledModule m) {
    if (m.builtin == null) {
      m.builtin = tree.isBuiltin(m.name);
    }
    return m.builtin;
  }

  private String options(PooledModule m) {
    if (!m.optionsLoaded) {
      StringBuilder out = new StringBuilder();
      for (OptionsEntry o : config.options()) {
        boolean mine = o.module().equals(m.name) || (m.alias != null && o.module().equals(m.alias));
        if (!mine || o.options().isEmpty()) {
          continue;
        }
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(o.options());
      }
      m.options = out.length() == 0 ? null : out.toString();
      m.optionsLoaded = true;
    }
    return m.options;
  }

  private CommandEntry install(PooledModule m) {
    if (!m.installLoaded) {
      for (CommandEntry c : config.installCommands()) {
        if (Fnmatch.matches(c.module(), m.name)) {
          m.install = c;
          break;
        }
      }
      m.installLoaded = true;
    }
    return m.install;
  }

  private boolean blacklisted(PooledModule m) {
    for (BlacklistEntry b : config.blacklists()) {
      if (b.module().equals(m.name)) {
        return true;
      }
    }
    return false;
  }

  // ---- the probe ---------------------------------------------------------------------------

  private record Listed(PooledModule module, StepReason reason) {}

  private record Softdeps(SoftdepEntry entry, List<PooledModule> pre, List<PooledModule> post) {}

  private ProbeTarget probe(Found f, ProbeRequest request) {
    PooledModule mod = f.module();
    if (!request.ignoreLoaded() && builtin(mod)) {
      if (request.firstTime()) {
        messages.add(
            ModprobeMessage.fromTool(
                Level.ERROR, "could not insert '" + mod.name + "': Module already in kernel"));
      }
      return target(f, ProbeTarget.Outcome.ALREADY_IN_KERNEL, List.of());
    }
    if ((mod.alias != null || request.useBlacklist()) && blacklisted(mod)) {
      return target(f, ProbeTarget.Outcome.BLACKLISTED, List.of());
    }
    pool.values()
        .forEach(
            m -> {
              m.visited = false;
              m.required = false;
            });
    List<Listed> list = new ArrayList<>();
    walk(mod, true, request.ignoreCommands(), StepReason.REQUESTED, list);
    List<ProbeStep> steps = new ArrayList<>();
    for (Listed l : list) {
      steps.add(step(l, mod, request));
    }
    return target(f, ProbeTarget.Outcome.PROBED, steps);
  }

  private static ProbeTarget target(Found f, ProbeTarget.Outcome outcome, List<ProbeStep> steps) {
    PooledModule m = f.module();
    return new ProbeTarget(m.name, m.alias, f.source(), f.origin(), outcome, steps);
  }

  private ProbeStep step(Listed l, PooledModule requested, ProbeRequest request) {
    PooledModule m = l.module();
    String configured = options(m);
    String extra = m == requested ? request.extraOptions().orElse(null) : null;
    String options = concat(configured, extra);
    CommandEntry install = install(m);
    String file = path(m);
    StepAction action;
    if (!request.ignoreLoaded() && builtin(m)) {
      action = StepAction.SKIP_IN_KERNEL;
    } else if (install != null && !m.ignoreCommand) {
      action = StepAction.RUN_INSTALL;
    } else if (file != null) {
      action = StepAction.INSERT;
    } else {
      action = builtin(m) ? StepAction.BUILTIN : StepAction.NO_FILE;
    }
    return new ProbeStep(m.name, m.alias, action, file, options, install, l.reason(), m.required);
  }

  /** kmod's module_options_concat: configured options, a space, command-line options. */
  private static String concat(String configured, String extra) {
    if ((configured == null || configured.isEmpty()) && (extra == null || extra.isEmpty())) {
      return "";
    }
    return (configured == null ? "" : configured + " ") + (extra == null ? "" : extra);
  }

  private void walk(
      PooledModule mod,
      boolean required,
      boolean ignoreCommand,
      StepReason reason,
      List<Listed> list) {
    if (mod.visited) {
      return;
    }
    mod.visited = true;
    List<PooledModule> deps = dependencies(mod);
    if (required) {
      // before any softdep can reach them
      mod.required = true;
      deps.forEach(d -> d.required = true);
    }
    for (PooledModule d : deps) {
      fillSoftdeps(d, StepReason.dependencyOf(mod.name), list);
    }
    if (ignoreCommand) {
      list.add(new Listed(mod, reason));
      mod.ignoreCommand = true;
    } else {
      fillSoftdeps(mod, reason, list);
    }
  }

  private void fillSoftdeps(PooledModule mod, StepReason reason, List<Listed> list) {
    Softdeps softdeps = softdeps(mod);
    for (PooledModule m : softdeps.pre()) {
      walk(m, false, false, softdepReason(StepReason.Kind.SOFTDEP_PRE, mod, softdeps), list);
    }
    list.add(new Listed(mod, reason));
    mod.ignoreCommand = !softdeps.pre().isEmpty() || !softdeps.post().isEmpty();
    for (PooledModule m : softdeps.post()) {
      walk(m, false, false, softdepReason(StepReason.Kind.SOFTDEP_POST, mod, softdeps), list);
    }
  }

  private static StepReason softdepReason(
      StepReason.Kind kind, PooledModule of, Softdeps softdeps) {
    return new StepReason(kind, of.name, softdeps.entry());
  }

  /** kmod_module_get_softdeps: the first matching line; each name looked up in full. */
  private Softdeps softdeps(PooledModule mod) {
    for (SoftdepEntry s : config.softdeps()) {
      if (Fnmatch.matches(s.module(), mod.name)) {
        return new Softdeps(s, lookupAll(s.pre()), lookupAll(s.post()));
      }
    }
    return new Softdeps(null, List.of(), List.of());
  }

  private List<PooledModule> lookupAll(List<String> names) {
    List<PooledModule> modules = new ArrayList<>();
    for (String name : names) {
      if (KmodNames.normalizeAlias(name).isEmpty()) {
        messages.add(
            ModprobeMessage.fromLibrary(
                Level.ERROR,
                "libkmod-module.c:1567",
                "lookup_softdep",
                "failed to lookup soft dependency '" + name + "', continuing anyway."));
        continue;
      }
      lookup(name).forEach(f -> modules.add(f.module()));
    }
    return modules;
  }
}
