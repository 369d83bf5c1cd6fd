package dev.rdmaforge.build.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the known failures of driver-stack builds in a build log and explains them: Lustre's
 * configure without usable OFED headers, a bad {@code --with-o2ib} path, modpost's "disagrees
 * about version of symbol" and "undefined!" lines. The first recognised line wins; without one
 * the last {@code error} line is named.
 */
public final class LogDiagnosis {
  /**
   * A recognised line.
   *
   * @param line its number in the log (1-based)
   * @param text the line
   * @param explanation what it means and what to do
   */
  public record Match(int line, String text, String explanation) {}

  private record Known(Pattern pattern, String explanation) {}

  private static final List<Known> KNOWN = List.of(
      new Known(Pattern.compile("no OFED nor kernel OpenIB gen2 headers"),
          "the build found no OFED devel tree (rdma_cm.h, ib_cm.h, ib_verbs.h) and the kernel"
              + " has no OpenIB headers: the provider's -devel output was not given; give"
              + " --with-o2ib={provider.devel} in the dependent's options"),
      new Known(Pattern.compile("bad --with-o2ib path"),
          "the --with-o2ib path has no include/rdma/{rdma_cm.h,ib_cm.h,ib_verbs.h}: point it at"
              + " the provider's devel tree ({provider.devel}) in the dependent's options"),
      new Known(Pattern.compile("disagrees about version of symbol (\\S+)"),
          "the module was built against another build of the provider of %s than the one it"
              + " is linked with: rebuild it against the provider built for this kernel"),
      new Known(Pattern.compile("ERROR: .*\"(\\S+)\" \\[.*\\] undefined!"),
          "modpost found no provider of %s: the provider's Module.symvers was not given"
              + " (KBUILD_EXTRA_SYMBOLS) or the provider does not export it for this kernel"));

  private static final Pattern ERROR = Pattern.compile("(?i)\\berror\\b");

  private LogDiagnosis() {}

  /**
   * A line that only repeats a command: the shell's {@code set -x} trace ({@code + echo ...}, as
   * rpmbuild runs %build) or the command line the executor writes first ({@code $ rpmbuild ...});
   * the message itself follows on its own line.
   */
  private static boolean echo(String line) {
    return line.startsWith("+ ") || line.startsWith("$ ");
  }

  /** The first known failure in {@code log}, else its last line mentioning an error. */
  public static Optional<Match> diagnose(Path log) {
    List<String> lines;
    try {
      lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      return Optional.empty();
    }
    return diagnose(lines);
  }

  /** {@link #diagnose(Path)} on the log's lines. */
  public static Optional<Match> diagnose(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (echo(lines.get(i))) {
        continue;
      }
      for (Known k : KNOWN) {
        Matcher m = k.pattern().matcher(lines.get(i));
        if (m.find()) {
          String why = m.groupCount() > 0 ? String.format(k.explanation(), m.group(1))
              : k.explanation();
          return Optional.of(new Match(i + 1, lines.get(i).strip(), why));
        }
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!echo(lines.get(i)) && ERROR.matcher(lines.get(i)).find()) {
        return Optional.of(new Match(i + 1, lines.get(i).strip(), "the build stopped here"));
      }
    }
    return Optional.empty();
  }
}
