package dev.rdmaforge.image.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the package manager's commands: no input (never a prompt), a fixed PATH so that the
 * scripts chrooted into the image find its own tools, C locale; output captured.
 */
final class RootCommands {
  /** How many of a failed command's last output lines a message quotes. */
  static final int TAIL_LINES = 200;

  private RootCommands() {}

  /** The result of one command. */
  record Run(List<String> command, int exit, String output) {
    boolean ok() {
      return exit == 0;
    }

    /**
     * The command, its exit and the end of its output: scriptlets may print hundreds of thousands
     * of lines (depmod warnings against a stub System.map), of which the last ones say why.
     */
    String describe() {
      List<String> lines = output.strip().lines().toList();
      String tail = lines.size() <= TAIL_LINES ? String.join("\n", lines)
          : "[" + (lines.size() - TAIL_LINES) + " earlier lines left out]\n"
              + String.join("\n", lines.subList(lines.size() - TAIL_LINES, lines.size()));
      return String.join(" ", command) + " exited with " + exit + ":\n" + tail;
    }
  }

  static Run run(List<String> command, Map<String, String> env) {
    Path out = null;
    try {
      out = Files.createTempFile("rdmaforge-image-", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile());
      pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
      pb.environment().put("LC_ALL", "C");
      pb.environment().putAll(env);
      int exit = pb.start().waitFor();
      return new Run(command, exit, Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApplyFailure(command.get(0) + " could not be run (" + e.getMessage() + "); install"
          + " it on the build host", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApplyFailure("interrupted while " + String.join(" ", command) + " ran", e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
