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
  private RootCommands() {}

  /** The result of one command. */
  record Run(List<String> command, int exit, String output) {
    boolean ok() {
      return exit == 0;
    }

    String describe() {
      return String.join(" ", command) + " exited with " + exit + ":\n" + output.strip();
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
