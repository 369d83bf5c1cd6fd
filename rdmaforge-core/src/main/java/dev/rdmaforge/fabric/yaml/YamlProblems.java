package dev.rdmaforge.fabric.yaml;

import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects every problem found in one YAML file, each with its file:line:column, so the user
 * sees them all at once instead of fixing one per run.
 */
public final class YamlProblems {
  private final String file;
  private final List<String> messages = new ArrayList<>();

  /** Problems of the named file. */
  public YamlProblems(String file) {
    this.file = file;
  }

  /** The file the positions refer to. */
  public String file() {
    return file;
  }

  /** The 1-based position where a node starts. */
  public Location where(Node node) {
    return where(node.getStartMark());
  }

  /** The 1-based position of a snakeyaml mark (its line and column are 0-based). */
  public Location where(Optional<Mark> mark) {
    return mark.map(m -> Location.at(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(Location.of(file));
  }

  /** Records a problem at the node: {@code what} is wrong, {@code fix} says what to write. */
  public void add(Node node, String what, String fix) {
    add(where(node), what, fix);
  }

  /** Records a problem at a location. */
  public void add(Location at, String what, String fix) {
    messages.add(at + ": " + what + (fix.isEmpty() ? "" : "; " + fix));
  }

  /** True if nothing was recorded. */
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The recorded messages. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** Throws one {@link UserInputException} listing every problem, if there is any. */
  public void throwIfAny() {
    if (!messages.isEmpty()) {
      throw new UserInputException(String.join("\n", messages));
    }
  }
}
