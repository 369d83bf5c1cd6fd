package dev.rdmaforge.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs external commands to completion and captures both output streams. */
public final class Processes {

  private Processes() {}

  /**
   * Runs {@code command} in {@code workDir} (or the current directory when null) with stdin closed,
   * and waits for it. Both streams are drained concurrently so a chatty process cannot block on a
   * full pipe.
   */
  public static ProcessResult run(Path workDir, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // A stable, English environment: the tools' messages are compared byte for byte.
    builder.environment().put("LC_ALL", "C");
    builder.environment().remove("LANGUAGE");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not start `" + String.join(" ", command) + "`: " + e.getMessage(), e);
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    String out = drain(process.getInputStream());
    try {
      int exit = process.waitFor();
      return new ProcessResult(command, exit, out, err.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Runs {@code command} and throws with its output when the exit code is not 0. */
  public static ProcessResult runChecked(Path workDir, List<String> command) {
    ProcessResult result = run(workDir, command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("command failed:\n" + result.describe());
    }
    return result;
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
