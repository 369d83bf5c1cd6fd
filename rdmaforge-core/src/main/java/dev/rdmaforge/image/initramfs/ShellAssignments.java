package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.report.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variable assignments of a configuration file that its generator sources as shell ({@code
 * initramfs.conf}, {@code dracut.conf}): {@code NAME=value} and {@code NAME+=" value "}, with
 * single or double quotes. Anything else (conditionals, commands) is ignored: these files are
 * meant to be plain assignments, and rdmaforge never runs them.
 */
final class ShellAssignments {
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)(\\+?=)(\"([^\"]*)\"|'([^']*)'|([^\\s#;]*))");

  /** A value and where it was set. */
  record Value(String text, Location origin) {}

  private ShellAssignments() {}

  /**
   * Applies the assignments of {@code file} (shown as {@code display}) to {@code vars}, in order;
   * {@code +=} appends as the shell does. Only names in {@code wanted} are kept.
   */
  static void apply(Path file, String display, List<String> wanted, Map<String, Value> vars)
      throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = ASSIGNMENT.matcher(lines.get(i));
      if (!m.find() || !wanted.contains(m.group(1))) {
        continue;
      }
      String value = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5)
          : m.group(6);
      Location at = Location.at(display, i + 1);
      if (m.group(2).equals("+=")) {
        Value old = vars.get(m.group(1));
        vars.put(m.group(1), new Value((old == null ? "" : old.text()) + value, at));
      } else {
        vars.put(m.group(1), new Value(value, at));
      }
    }
  }
}
