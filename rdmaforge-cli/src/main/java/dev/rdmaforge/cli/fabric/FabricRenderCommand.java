package dev.rdmaforge.cli.fabric;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.render.FabricRenderer;
import dev.rdmaforge.fabric.render.RenderWriter;
import dev.rdmaforge.fabric.render.RenderedFile;
import dev.rdmaforge.fabric.render.WriteResult;
import dev.rdmaforge.fabric.yaml.FabricYamlReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rdmaforge fabric render FABRIC.yaml -o DIR}. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Write every node's fabric files to DIR/<node>/<path on the node>.",
      "Exit codes: 0 written, 2 the description is wrong (file:line:column)."
    })
public final class FabricRenderCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FABRIC.yaml", description = "The fabric description.")
  Path description;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Output directory (created if missing; files are replaced atomically,"
          + " unchanged files are left as they are).")
  Path output;

  @Option(names = "--json", description = "Print the list of written files as JSON (schema 1).")
  boolean json;

  @Option(names = "--list", description = "Print every written file's path (a large fabric has"
      + " tens of thousands), not only the summary.")
  boolean list;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FabricDescription d = FabricYamlReader.read(description);
    List<RenderedFile> files = new FabricRenderer().render(d);
    WriteResult written = RenderWriter.write(output, files);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonMapper mapper = JsonMapper.builder().build();
      ObjectNode root = mapper.createObjectNode();
      root.put("schema", 1);
      root.put("description", description.toString());
      root.put("output", output.toString());
      root.put("unchanged", written.unchanged());
      ArrayNode list = root.putArray("files");
      for (RenderedFile f : files) {
        list.addObject().put("node", f.node()).put("path", f.path())
            .put("file", output.resolve(f.relativePath()).toString());
      }
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } else {
      long nodes = files.stream().map(RenderedFile::node).distinct().count();
      if (list) {
        for (RenderedFile f : files) {
          out.println(output.resolve(f.relativePath()));
        }
      }
      out.println("Rendered " + files.size() + " files for " + nodes + " nodes into " + output
          + (written.unchanged() == 0 ? "" : " (" + written.unchanged() + " unchanged)"));
    }
    out.flush();
    return 0;
  }
}
