package dev.rdmaforge.fabric.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Typed, positioned access to one YAML mapping of a composed node tree. Every accessor reports a
 * wrong type or value to {@link YamlProblems} at the value's line:column and returns a default,
 * so reading goes on and all problems surface together. Keys must be unique (the composer does
 * not check that) and known ({@link #rejectUnknown}).
 */
public final class YamlMap {
  private final MappingNode node;
  private final YamlProblems problems;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private YamlMap(MappingNode node, YamlProblems problems, String path) {
    this.node = node;
    this.problems = problems;
    this.path = path;
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problems.add(t.getKeyNode(), label() + ": a key must be a plain word", "write `name: value`");
        continue;
      }
      NodeTuple earlier = entries.putIfAbsent(key.getValue(), t);
      if (earlier != null) {
        problems.add(
            key,
            "duplicate key '" + key.getValue() + "' in " + label() + " (first at "
                + problems.where(earlier.getKeyNode()) + ")",
            "keep one of them");
      }
    }
  }

  /** Wraps the node if it is a mapping; reports it otherwise. */
  public static Optional<YamlMap> of(Node node, YamlProblems problems, String path) {
    if (node instanceof MappingNode m) {
      return Optional.of(new YamlMap(m, problems, path));
    }
    problems.add(node, (path.isEmpty() ? "the description" : path) + " must be a mapping (key: value lines)", "");
    return Optional.empty();
  }

  /** The mapping node itself. */
  public MappingNode node() {
    return node;
  }

  /** The dotted path of this mapping in the document, for messages. */
  public String path() {
    return path;
  }

  /** The problem sink. */
  public YamlProblems problems() {
    return problems;
  }

  /** The keys in document order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** The key node of an entry (for positions). */
  public Optional<Node> keyNode(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
  }

  /** The value node of an entry. */
  public Optional<Node> value(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
  }

  /** Reports every key not in {@code known}, suggesting the closest known key. */
  public void rejectUnknown(List<String> known) {
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        String near = Suggest.closest(e.getKey(), known);
        problems.add(
            e.getValue().getKeyNode(),
            "unknown key '" + e.getKey() + "' in " + label(),
            near.isEmpty()
                ? "known keys: " + String.join(", ", known)
                : "perhaps you meant '" + near + "'");
      }
    }
  }

  /** A scalar string, or empty if absent (a non-scalar is reported). */
  public Optional<String> string(String key) {
    Optional<Node> v = value(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.get() instanceof ScalarNode s) {
      return Optional.of(s.getValue());
    }
    problems.add(v.get(), child(key) + " must be a single value", "");
    return Optional.empty();
  }

  /**
   * A required scalar string; reports its absence at the mapping's start, and an empty value
   * ({@code key:} with nothing after it, which YAML reads as null) at the value.
   */
  public String requiredString(String key, String fix) {
    Optional<String> s = string(key);
    if (s.isEmpty() && value(key).isEmpty()) {
      problems.add(node, label() + " needs '" + key + "'", fix);
    } else if (s.isPresent() && s.get().isBlank()) {
      problems.add(value(key).get(), child(key) + " is empty", fix);
    }
    return s.orElse("");
  }

  /** An integer ({@code 0x} hex allowed), or the default if absent. */
  public int integer(String key, int dflt, int min, int max) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return dflt;
    }
    try {
      long v = parseLong(s.get());
      if (v < min || v > max) {
        problems.add(
            value(key).get(),
            child(key) + " = " + s.get() + " is outside " + min + ".." + max,
            "");
        return dflt;
      }
      return (int) v;
    } catch (NumberFormatException ex) {
      problems.add(value(key).get(), child(key) + " = '" + s.get() + "' is not a number", "");
      return dflt;
    }
  }

  /** A boolean ({@code true}/{@code false} only, to avoid YAML 1.1 surprises). */
  public boolean bool(String key, boolean dflt) {
    Optional<String> s = string(key);
    if (s.isEmpty()) {
      return dflt;
    }
    switch (s.get().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        problems.add(value(key).get(), child(key) + " must be true or false", "");
        return dflt;
    }
  }

  /** The dotted path of a key of this mapping. */
  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String label() {
    return path.isEmpty() ? "the description" : path;
  }

  /** A nested mapping, if present. */
  public Optional<YamlMap> map(String key) {
    return value(key).flatMap(v -> of(v, problems, child(key)));
  }

  /** The items of a sequence (a single scalar counts as a one-item list). */
  public List<Node> list(String key) {
    Optional<Node> v = value(key);
    if (v.isEmpty()) {
      return List.of();
    }
    if (v.get() instanceof SequenceNode seq) {
      return seq.getValue();
    }
    if (v.get() instanceof ScalarNode) {
      return List.of(v.get());
    }
    problems.add(v.get(), child(key) + " must be a list", "");
    return List.of();
  }

  /** The scalar items of a list, reported if an item is not a scalar. */
  public List<ScalarNode> scalars(String key) {
    List<ScalarNode> out = new ArrayList<>();
    for (Node n : list(key)) {
      if (n instanceof ScalarNode s) {
        out.add(s);
      } else {
        problems.add(n, child(key) + " items must be single values", "");
      }
    }
    return out;
  }

  /** Parses decimal or {@code 0x} hex, as people write PKeys and GUIDs. */
  public static long parseLong(String text) {
    String t = text.trim();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Long.parseUnsignedLong(t.substring(2), 16);
    }
    return Long.parseLong(t);
  }
}
