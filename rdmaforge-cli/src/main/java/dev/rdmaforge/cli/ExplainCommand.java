package dev.rdmaforge.cli;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodFailure;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.config.SearchEntry;
import dev.rdmaforge.depmod.explain.BuiltinModules;
import dev.rdmaforge.depmod.explain.Explainer;
import dev.rdmaforge.depmod.explain.ModuleExplanation;
import dev.rdmaforge.depmod.explain.ModuleExplanation.CandidateView;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.report.UserInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rdmaforge explain}: which file modprobe will load for a module on an image, and why —
 * every candidate, the winner, the depmod.d line or search rank or tie that decided, what it
 * shadows, and its dependency chain.
 */
@Command(
    name = "explain",
    description =
        "Explain which file wins each module name on an image root (as its own booted system"
            + " sees it), and why.",
    sortOptions = false)
public final class ExplainCommand implements Callable<Integer> {
  @Option(names = "--root", required = true, paramLabel = "DIR", description = "The image root.")
  Path root;

  @Option(
      names = "--config",
      paramLabel = "CONF",
      description = "depmod.d file or directory on the host to use instead of the image's own.")
  List<String> config;

  @Option(names = "--json", description = "Machine-readable output (schema 1).")
  boolean json;

  @Parameters(index = "0", paramLabel = "KVER", description = "Kernel release in the image.")
  String kernel;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "MODULE", description = "Module names.")
  List<String> modules;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(root)) {
      throw new UserInputException(root + ": no such directory; pass the image root with --root");
    }
    DepmodRequest request = DepmodRequest.chroot(root, kernel);
    if (config != null) {
      request = request.withConfigPaths(config, TreeView.host());
    }
    List<String> warnings = new ArrayList<>();
    DepmodLog log =
        (level, message) -> {
          if (level.priority() <= DepmodLog.Level.WARNING.priority()) {
            warnings.add("depmod: " + level.name() + ": " + message.stripTrailing());
          }
        };
    Resolution resolution;
    try {
      resolution = Depmod.create().resolve(request, log);
    } catch (DepmodFailure f) {
      throw new UserInputException(
          root + ": " + (f.getMessage() == null ? "dependency cycle" : f.getMessage())
              + "; check that " + root + "/lib/modules/" + kernel + " exists");
    }
    Explainer explainer =
        new Explainer(resolution, BuiltinModules.read(request.view(), request.dirname()));
    List<ModuleExplanation> results = new ArrayList<>();
    for (String m : modules) {
      results.add(explainer.explain(m));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(resolution, results, warnings));
    } else {
      text(out, resolution, results, warnings);
    }
    out.flush();
    boolean missing = results.stream().anyMatch(r -> r.status().equals("not-found"));
    return missing ? 1 : 0;
  }

  private String json(Resolution resolution, List<ModuleExplanation> results, List<String> warnings) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", 1);
    doc.put("root", root.toString());
    doc.put("kernel", kernel);
    doc.put("view", "chroot");
    doc.put("configFiles", resolution.config().files());
    List<String> search = new ArrayList<>();
    for (SearchEntry e : resolution.config().searches()) {
      search.add(e.word());
    }
    doc.put("searchRankOrder", search);
    doc.put("modules", results);
    doc.put("warnings", warnings);
    JsonMapper mapper =
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    return mapper.writeValueAsString(doc);
  }

  private static void text(
      PrintWriter out, Resolution resolution, List<ModuleExplanation> results,
      List<String> warnings) {
    out.println(
        "configuration read: "
            + (resolution.config().files().isEmpty()
                ? "(none)"
                : String.join(", ", resolution.config().files())));
    for (ModuleExplanation r : results) {
      out.println();
      if (r.winner() == null) {
        out.println(r.name() + ": " + (r.status().equals("built-in")
            ? "built into the kernel (modules.builtin); no file is loaded"
            : "no file found and not built in"));
        continue;
      }
      out.println(r.name() + ": " + r.winner().path()
          + (r.status().equals("built-in-and-module")
              ? "  (also listed in modules.builtin: modprobe treats it as built in)" : ""));
      out.println("  decided by: " + r.decidedBy().text());
      out.println("  candidates, in the order depmod found them:");
      for (CandidateView c : r.candidates()) {
        out.println("    " + (c.won() ? "* " : "  ") + c.path());
        if (!c.outcome().isEmpty()) {
          out.println("        " + c.outcome());
        }
      }
      List<String> shadowed = new ArrayList<>();
      for (CandidateView c : r.candidates()) {
        if (!c.won()) {
          shadowed.add(c.path());
        }
      }
      if (!shadowed.isEmpty()) {
        out.println("  shadows: " + String.join(", ", shadowed));
      }
      out.println("  depends on: " + (r.dependencies().isEmpty() ? "(nothing)"
          : String.join(" ", r.dependencies())));
      out.println("  modprobe loads, in order: " + String.join(" ", r.loadOrder()));
    }
    for (ModuleExplanation r : results) {
      for (String n : r.notes()) {
        out.println("warning: " + r.name() + ": " + n);
      }
    }
    for (String w : warnings) {
      out.println(w);
    }
  }
}
