package dev.rdmaforge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs rdmaforge's shaded jar as a separate process, exactly as a user would: a black box with
 * arguments in and exit code, stdout and stderr out.
 */
public final class Rdmaforge {

  /**
   * System property with the path of {@code rdmaforge.jar}; the failsafe configuration of
   * rdmaforge-cli sets it to {@code ${project.build.directory}/rdmaforge.jar}. Default: {@code
   * rdmaforge-cli/target/rdmaforge.jar} below the working directory or its parent.
   */
  public static final String JAR_PROPERTY = "rdmaforge.jar";

  /** The JVM options the {@code ./rdmaforge} launcher uses by default (fast start-up). */
  public static final List<String> JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  private Rdmaforge() {}

  /**
   * The jar to run.
   *
   * @throws IllegalStateException when it has not been built
   */
  public static Path jar() {
    String configured = System.getProperty(JAR_PROPERTY);
    List<Path> candidates =
        configured != null
            ? List.of(Path.of(configured))
            : List.of(
                Path.of("rdmaforge-cli/target/rdmaforge.jar"),
                Path.of("../rdmaforge-cli/target/rdmaforge.jar"),
                Path.of("target/rdmaforge.jar"));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "rdmaforge.jar not found at "
                        + candidates
                        + "; build it with `mvn -pl rdmaforge-cli -am package` (failsafe passes its"
                        + " path as -D"
                        + JAR_PROPERTY
                        + ")"));
  }

  /** Runs {@code java -jar rdmaforge.jar args...}. */
  public static ProcessResult run(List<String> args) {
    return Processes.run(null, command(args));
  }

  /** The command line {@link #run} runs, for callers that wrap it (e.g. in {@code setpriv}). */
  public static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    return command;
  }

  /** Runs {@code java -jar rdmaforge.jar args...}. */
  public static ProcessResult run(String... args) {
    return run(List.of(args));
  }
}
