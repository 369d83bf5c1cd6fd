package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.DIB_ENVIRONMENT;

import dev.rdmaforge.fabric.yaml.Suggest;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * TripleO image-build YAML ({@code openstack overcloud image build --config-file}) using
 * StackHPC's {@code mlnx-ofed} diskimage-builder element: the element aborts without
 * DIB_MLNX_OFED_REPO and DIB_MLNX_OFED_VERSION, reads only its four variables, and deletes the
 * repository only for {@code y} or {@code Y}. TripleO loads the file with PyYAML (YAML 1.1), so
 * plain scalars are typed as PyYAML types them: {@code 4.10} is the float 4.1, {@code no} is
 * False. The variable list is a schema check (diskimage-builder and TripleO are not in Debian);
 * the YAML typing is PyYAML's own resolver, which the test suite runs.
 */
final class DibChecks {
  private static final String PREFIX = "DIB_MLNX_OFED_";
  private static final List<String> VARIABLES = List.of("DIB_MLNX_OFED_VERSION",
      "DIB_MLNX_OFED_REPO", "DIB_MLNX_OFED_PKGLIST", "DIB_MLNX_OFED_DELETE_REPO");
  /** PyYAML's implicit resolvers (yaml/resolver.py) for bool, int, float and null. */
  private static final Pattern BOOL = Pattern.compile(
      "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+"
      + "|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
          + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)"
          + "|\\.(?:nan|NaN|NAN)");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

  private DibChecks() {}

  static void run(ParsedFabric p, List<Finding> out) {
    for (InputFile f : p.other(FileKind.DIB)) {
      Optional<Node> root = compose(f, out);
      if (root.isEmpty() || !(root.get() instanceof MappingNode top)) {
        continue;
      }
      for (NodeTuple t : top.getValue()) {
        if (key(t).equals("disk_images") && t.getValueNode() instanceof SequenceNode images) {
          for (Node image : images.getValue()) {
            if (image instanceof MappingNode m) {
              image(f, m, out);
            }
          }
        }
      }
    }
  }

  private static Optional<Node> compose(InputFile f, List<Finding> out) {
    try {
      return new Compose(LoadSettings.builder().setLabel(f.display()).build())
          .composeString(f.text());
    } catch (MarkedYamlEngineException ex) {
      Location at = ex.getProblemMark().map(m -> Location.at(f.display(), m.getLine() + 1,
          m.getColumn() + 1)).orElse(Location.of(f.display()));
      out.add(DIB_ENVIRONMENT.at(at, "YAML syntax error: " + ex.getProblem() + "; openstack"
          + " overcloud image build cannot read the file", "fix the YAML"));
    } catch (YamlEngineException ex) {
      out.add(DIB_ENVIRONMENT.at(Location.of(f.display()), "YAML error: " + ex.getMessage(),
          "fix the YAML"));
    }
    return Optional.empty();
  }

  private static void image(InputFile f, MappingNode image, List<Finding> out) {
    boolean element = false;
    Location imageAt = at(f, image);
    MappingNode env = null;
    for (NodeTuple t : image.getValue()) {
      if (key(t).equals("elements") && t.getValueNode() instanceof SequenceNode seq) {
        element = seq.getValue().stream().anyMatch(n -> n instanceof ScalarNode s
            && s.getValue().equals("mlnx-ofed"));
      }
      if (key(t).equals("environment") && t.getValueNode() instanceof MappingNode m) {
        env = m;
      }
    }
    List<String> seen = new ArrayList<>();
    if (env != null) {
      for (NodeTuple t : env.getValue()) {
        String name = key(t);
        if (!name.startsWith(PREFIX)) {
          continue;
        }
        seen.add(name);
        Location at = at(f, t.getKeyNode());
        if (!VARIABLES.contains(name)) {
          out.add(DIB_ENVIRONMENT.at(at, "the mlnx-ofed element never reads " + name
              + " (schema check: stackhpc-image-elements)", "perhaps you meant "
                  + Suggest.closest(name, VARIABLES)));
          continue;
        }
        value(f, name, t.getValueNode(), out);
      }
    }
    if (!seen.isEmpty() && !element) {
      out.add(DIB_ENVIRONMENT.at(imageAt, "DIB_MLNX_OFED_* is set but the image does not list the"
          + " mlnx-ofed element: nothing reads the variables and the image gets no OFED",
          "add mlnx-ofed to elements"));
    }
    if (element) {
      for (String[] req : new String[][] {
          {"DIB_MLNX_OFED_REPO", "A repo URL for Mellanox OFED packages is requred"},
          {"DIB_MLNX_OFED_VERSION", "A revision of OFED is required"}}) {
        if (!seen.contains(req[0])) {
          out.add(DIB_ENVIRONMENT.at(imageAt, "the mlnx-ofed element aborts the build without "
              + req[0] + " (" + req[0] + ": " + req[1] + ")", "set " + req[0]
                  + " in the image's environment"));
        }
      }
    }
  }

  private static void value(InputFile f, String name, Node node, List<Finding> out) {
    Location at = at(f, node);
    if (!(node instanceof ScalarNode s)) {
      out.add(DIB_ENVIRONMENT.at(at, name + " must be one string (an environment variable; for"
          + " the package list, names separated by blanks)", "write it as a quoted string"));
      return;
    }
    if (s.getScalarStyle() == ScalarStyle.PLAIN) {
      String v = s.getValue();
      String type = BOOL.matcher(v).matches() ? "a boolean" : INT.matcher(v).matches()
          ? "an integer" : FLOAT.matcher(v).matches() ? "a float" : NULL.matcher(v).matches()
          ? "null" : "";
      if (!type.isEmpty()) {
        out.add(DIB_ENVIRONMENT.at(at, name + ": " + v + " is " + type + " to PyYAML (TripleO"
            + " reads the file with it), not the string the element compares", "quote it: \""
                + v + "\""));
        return;
      }
    }
    if (name.equals("DIB_MLNX_OFED_DELETE_REPO")
        && !List.of("y", "Y", "n", "N").contains(s.getValue())) {
      out.add(DIB_ENVIRONMENT.at(Severity.WARNING, at, "DIB_MLNX_OFED_DELETE_REPO=" + s.getValue()
          + ": the element removes the repository only for y or Y, so this keeps it",
          "write y or n"));
    }
  }

  private static String key(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
  }

  private static Location at(InputFile f, Node n) {
    return n.getStartMark().map(m -> Location.at(f.display(), m.getLine() + 1,
        m.getColumn() + 1)).orElse(Location.of(f.display()));
  }
}
