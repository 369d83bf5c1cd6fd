package dev.rdmaforge.it.modprobe;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.it.modprobe.RealModprobe.Output;
import dev.rdmaforge.modprobe.IndexedModuleTree;
import dev.rdmaforge.modprobe.ModprobeConfig;
import dev.rdmaforge.modprobe.ModprobeConfigParser;
import dev.rdmaforge.modprobe.ModprobeConfigRequest;
import dev.rdmaforge.modprobe.ModprobeMessage;
import dev.rdmaforge.modprobe.ProbePlan;
import dev.rdmaforge.modprobe.ProbePlanner;
import dev.rdmaforge.modprobe.ProbeRequest;
import dev.rdmaforge.modprobe.ShowConfig;
import dev.rdmaforge.modprobe.ShowDepends;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The same modprobe command line answered by dev.rdmaforge.modprobe: the options the oracle cases
 * use ({@code -c}, {@code -R}, {@code --show-depends}, {@code -a}, {@code -b}, {@code -i}, {@code
 * --first-time}, {@code -C}, {@code -d}, {@code -S}) turned into a configuration request, a module
 * tree and probe requests, and the results rendered as modprobe prints them.
 */
final class OurModprobe {
  private OurModprobe() {}

  static Output run(String cmdline, List<String> args) {
    List<String> configPaths = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    String root = null;
    String release = null;
    boolean showConfig = false;
    boolean resolve = false;
    boolean all = false;
    ProbeRequest flags = ProbeRequest.showDepends("");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!positional.isEmpty()) {
        positional.add(a); // everything after the module name is its options (or more names)
        continue;
      }
      switch (a) {
        case "-C":
          configPaths.add(args.get(++i));
          break;
        case "-d":
          root = args.get(++i);
          break;
        case "-S":
          release = args.get(++i);
          break;
        case "-c":
          showConfig = true;
          break;
        case "-R":
          resolve = true;
          break;
        case "-a":
          all = true;
          flags = flags.withAll();
          break;
        case "-b":
          flags = flags.withUseBlacklist();
          break;
        case "-i":
          flags = flags.withIgnoreCommands();
          break;
        case "--first-time":
          flags = flags.withFirstTime();
          break;
        case "--show-depends":
          break;
        default:
          positional.add(a);
      }
    }
    String directory = root + "/lib/modules/" + release;
    ModprobeConfig config =
        ModprobeConfigParser.load(
            new ModprobeConfigRequest(
                configPaths.isEmpty() ? ModprobeConfigRequest.DEFAULT_PATHS : configPaths,
                TreeView.host(),
                directory,
                Optional.of(cmdline)));
    IndexedModuleTree tree = IndexedModuleTree.open(TreeView.host(), directory);
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    config.messages().forEach(m -> err.append(m.line()));
    if (showConfig) {
      return new Output(ShowConfig.render(config, tree), err.toString(), 0);
    }
    ProbePlanner planner = new ProbePlanner(config, tree);
    if (resolve) {
      List<String> names = planner.resolve(positional.get(0));
      if (names.isEmpty()) {
        err.append(planner.notFound(positional.get(0), Level.FATAL).line());
        return new Output(out.toString(), err.toString(), 1);
      }
      names.forEach(n -> out.append(n).append('\n'));
      return new Output(out.toString(), err.toString(), 0);
    }
    List<ProbeRequest> requests = new ArrayList<>();
    if (all) {
      for (String n : positional) {
        requests.add(flags.forName(n));
      }
    } else {
      requests.add(
          flags.forName(positional.get(0)).withArguments(positional.subList(1, positional.size())));
    }
    int exit = 0;
    for (ProbeRequest request : requests) {
      ProbePlan plan = planner.plan(request);
      out.append(ShowDepends.render(plan));
      for (ModprobeMessage m : plan.messages()) {
        err.append(m.line());
      }
      exit = Math.max(exit, plan.exitCode());
    }
    return new Output(out.toString(), err.toString(), exit);
  }
}
