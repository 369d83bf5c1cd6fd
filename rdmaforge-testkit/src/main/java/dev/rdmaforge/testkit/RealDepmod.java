package dev.rdmaforge.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the host's real kmod {@code depmod}, the reference every depmod test compares against. */
public final class RealDepmod {

  private RealDepmod() {}

  /**
   * The depmod binary: {@code /sbin/depmod}, {@code /usr/sbin/depmod} or {@code depmod} on the
   * PATH.
   *
   * @throws IllegalStateException naming the package to install when kmod is missing
   */
  public static Path binary() {
    return Tools.require("depmod", "kmod", Path.of("/sbin/depmod"), Path.of("/usr/sbin/depmod"));
  }

  /** Runs {@code depmod args...} and captures its output and exit code. */
  public static ProcessResult run(List<String> args) {
    return Processes.run(null, command(args));
  }

  /** The command line {@link #run} runs, for callers that wrap it (e.g. in {@code setpriv}). */
  public static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(args);
    return command;
  }

  /** Runs {@code depmod args...}. */
  public static ProcessResult run(String... args) {
    return run(List.of(args));
  }

  /** The version line of {@code depmod -V}, e.g. {@code kmod version 30}. */
  public static String version() {
    return Processes.runChecked(null, List.of(binary().toString(), "-V"))
        .stdout()
        .lines()
        .findFirst()
        .orElse("");
  }
}
