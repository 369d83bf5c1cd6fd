package dev.rdmaforge.fabric.yaml;

import dev.rdmaforge.report.UserInputException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One YAML document composed into nodes that keep their line:column, for every description
 * rdmaforge reads (fabric.yaml, stack.yaml); a syntax error becomes an input error at the place
 * the parser stopped.
 */
public final class YamlDocuments {
  private YamlDocuments() {}

  /**
   * The root node of {@code text}.
   *
   * @param name the file name used in messages
   * @param emptyHint what to do when the document is empty, e.g. {@code see docs/stack.md}
   */
  public static Node compose(String name, String text, String emptyHint) {
    LoadSettings settings = LoadSettings.builder().setLabel(name).build();
    try {
      return new Compose(settings).composeString(text).orElseThrow(() ->
          new UserInputException(name + ": empty description; " + emptyHint));
    } catch (MarkedYamlEngineException ex) {
      String where = ex.getProblemMark()
          .map(m -> name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
          .orElse(name);
      throw new UserInputException(where + ": YAML syntax error: " + ex.getProblem()
          + (ex.getContext() == null ? "" : " (" + ex.getContext() + ")"), ex);
    } catch (YamlEngineException ex) {
      throw new UserInputException(name + ": YAML error: " + ex.getMessage(), ex);
    }
  }
}
