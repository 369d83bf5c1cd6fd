package dev.rdmaforge.cli.fabric;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.model.OpenStackRelease;
import dev.rdmaforge.fabric.validate.FabricValidator;
import dev.rdmaforge.fabric.validate.ValidationRequest;
import dev.rdmaforge.fabric.validate.ValidationResult;
import dev.rdmaforge.fabric.yaml.FabricYamlReader;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rdmaforge fabric validate DIR|FILE...}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check fabric files (a render output directory, any tree, or single files) the way their"
          + " consumers read them, and against each other.",
      "Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage."
    })
public final class FabricValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Files or directories.")
  List<Path> inputs;

  @Option(names = "--release", paramLabel = "RELEASE",
      description = "OpenStack release the files are for (default: 2024.1; icehouse..liberty"
          + " accept the Icehouse-era names).")
  String release;

  @Option(names = "--description", paramLabel = "FABRIC.yaml",
      description = "Compare the files with this description (port GUIDs in the partitions,"
          + " VLAN ranges, IPoIB settings), and take its release, PKey table size and kernel.")
  Path description;

  @Option(names = "--kernel-modules", paramLabel = "DIR",
      description = "The target kernel's module tree (/lib/modules/<release>), to check"
          + " modprobe options against the real modules.")
  Path kernelModules;

  @Option(names = "--pkey-table", paramLabel = "N", defaultValue = "128",
      description = "Smallest PKey table on the fabric (default: ${DEFAULT-VALUE}).")
  int pkeyTable;

  @Option(names = "--json", description = "Print findings as JSON (schema 1).")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OpenStackRelease rel = OpenStackRelease.MODERN;
    Optional<Path> modules = Optional.ofNullable(kernelModules);
    int table = pkeyTable;
    Optional<FabricDescription> d = Optional.empty();
    if (description != null) {
      d = Optional.of(FabricYamlReader.read(description));
      rel = d.get().release();
      table = d.get().partitions().pkeyTableSize();
      if (modules.isEmpty()) {
        modules = d.get().kernel().flatMap(k -> k.modules());
      }
    }
    if (release != null) {
      rel = new OpenStackRelease(release.toLowerCase(java.util.Locale.ROOT));
    }
    ValidationResult result =
        FabricValidator.validate(new ValidationRequest(inputs, rel, modules, table, d));
    PrintWriter out = spec.commandLine().getOut();
    long errors = result.findings().stream().filter(Finding::isError).count();
    long warnings =
        result.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
    if (json) {
      out.println(toJson(result, errors, warnings));
    } else {
      result.findings().forEach(out::println);
      out.println(result.files().size() + " files checked: " + errors + " errors, " + warnings
          + " warnings");
    }
    out.flush();
    return errors > 0 ? 1 : 0;
  }

  static String toJson(ValidationResult result, long errors, long warnings) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", 1);
    root.put("files", result.files().size());
    root.put("errors", errors);
    root.put("warnings", warnings);
    ArrayNode list = root.putArray("findings");
    for (Finding f : result.findings()) {
      ObjectNode o = list.addObject();
      o.put("rule", f.rule());
      o.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
      o.put("file", f.location().file());
      o.put("line", f.location().line());
      o.put("column", f.location().column());
      o.put("message", f.message());
      o.put("fix", f.fix());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
