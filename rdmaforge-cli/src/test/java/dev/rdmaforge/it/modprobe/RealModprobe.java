package dev.rdmaforge.it.modprobe;

import dev.rdmaforge.testkit.Tools;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the host's kmod modprobe, the oracle of ModprobeOracleIT, capturing its output as bytes.
 *
 * <p>kmod always reads the kernel command line from {@code /proc/cmdline}. To give it a chosen one,
 * the run happens in a private mount namespace ({@code unshare -m}) with a file bind-mounted over
 * {@code /proc/cmdline}; that needs root. Without it the host's own command line is used, and the
 * comparison reads the same file.
 */
final class RealModprobe {

  /** What modprobe printed (one char per byte) and its exit code. */
  record Output(String stdout, String stderr, int exitCode) {}

  private RealModprobe() {}

  static Path binary() {
    return Tools.require(
        "modprobe", "kmod", Path.of("/sbin/modprobe"), Path.of("/usr/sbin/modprobe"));
  }

  /** True when this process may give modprobe its own /proc/cmdline (root, unshare present). */
  static boolean canSetCommandLine() {
    if (Tools.find("unshare").isEmpty()) {
      return false;
    }
    Output probe =
        exec(List.of("unshare", "-m", "sh", "-c", "mount --bind /dev/null /proc/cmdline"));
    return probe.exitCode() == 0;
  }

  /** {@code modprobe args...} seeing {@code cmdlineFile} as /proc/cmdline (null: the host's). */
  static Output run(Path cmdlineFile, List<String> args) {
    // never let a test load or unload anything on the host
    if (!(args.contains("-c") || args.contains("-R") || args.contains("--show-depends"))) {
      throw new IllegalArgumentException("refusing to run modprobe without -c, -R or -D: " + args);
    }
    List<String> command = new ArrayList<>();
    if (cmdlineFile != null) {
      command.addAll(
          List.of(
              "unshare",
              "-m",
              "sh",
              "-c",
              "mount --bind \"$0\" /proc/cmdline && exec \"$@\"",
              cmdlineFile.toString()));
    }
    command.add(binary().toString());
    command.addAll(args);
    return exec(command);
  }

  private static Output exec(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("LC_ALL", "C");
    builder.environment().remove("MODPROBE_OPTIONS");
    builder.environment().remove("KMOD_LOG");
    try {
      Process process = builder.start();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      String out = drain(process.getInputStream());
      int exit = process.waitFor();
      return new Output(out, err.join(), exit);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The host's kernel command line, as kmod reads it. */
  static String hostCommandLine() {
    try {
      return Files.readString(Path.of("/proc/cmdline"), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
