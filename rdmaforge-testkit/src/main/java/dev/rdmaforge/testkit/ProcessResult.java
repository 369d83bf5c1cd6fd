package dev.rdmaforge.testkit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one finished external process produced.
 *
 * @param command the command line as run
 * @param exitCode the process's exit status
 * @param stdout everything it wrote to standard output (UTF-8, lossy for other bytes)
 * @param stderr everything it wrote to standard error
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

  public ProcessResult {
    command = List.copyOf(command);
  }

  /**
   * The distinct lines of standard error, in first-seen order. depmod's warnings come out in
   * module-hash order, which is an implementation detail, so tests compare them as a set.
   */
  public Set<String> stderrLines() {
    Set<String> lines = new LinkedHashSet<>();
    for (String line : stderr.split("\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** A short multi-line description for failure messages. */
  public String describe() {
    return "$ "
        + String.join(" ", command)
        + "\nexit code: "
        + exitCode
        + "\nstderr:\n"
        + abbreviate(stderr)
        + "\nstdout:\n"
        + abbreviate(stdout);
  }

  private static String abbreviate(String text) {
    // Full-kernel runs may print thousands of warnings; the head is what a reader needs.
    int limit = 4000;
    return text.length() <= limit
        ? text
        : text.substring(0, limit) + "\n... (" + (text.length() - limit) + " more characters)";
  }
}
