package dev.rdmaforge.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's apt view of the Debian archive: package names by regular expression, and downloads of
 * {@code .deb} files without installing them.
 */
public final class AptArchive {

  private AptArchive() {}

  /**
   * Names of real packages matching the POSIX regular expression {@code regex}, as {@code apt-cache
   * search --names-only} finds them.
   */
  public static List<String> packageNames(String regex) {
    ProcessResult result =
        Processes.runChecked(null, List.of("apt-cache", "search", "--names-only", regex));
    List<String> names = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      int dash = line.indexOf(" - ");
      if (dash > 0) {
        names.add(line.substring(0, dash).trim());
      }
    }
    return names;
  }

  /**
   * Downloads the candidate version of each package into {@code dir} with {@code apt-get download}.
   * When that fails (stale package lists: 404), runs {@code apt-get update} once and retries.
   */
  public static void download(Path dir, List<String> packages) {
    List<String> command = new ArrayList<>(List.of("apt-get", "download", "-q"));
    command.addAll(packages);
    ProcessResult first = Processes.run(dir, command);
    if (first.exitCode() == 0) {
      return;
    }
    update();
    Processes.runChecked(dir, command);
  }

  /** Refreshes the package lists ({@code apt-get update -q}). */
  public static void update() {
    Processes.runChecked(null, List.of("apt-get", "update", "-q"));
  }
}
