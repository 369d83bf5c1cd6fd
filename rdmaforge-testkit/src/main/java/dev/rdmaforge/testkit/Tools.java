package dev.rdmaforge.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds host programs the tests run, failing with a message that says what to install. */
public final class Tools {

  private Tools() {}

  /**
   * The first executable named {@code name} in {@code preferred} or on the {@code PATH}.
   *
   * @param debianPackage the package to name in the error when nothing is found
   * @throws IllegalStateException when the program is not installed
   */
  public static Path require(String name, String debianPackage, Path... preferred) {
    return find(name, preferred)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name
                        + " is not installed (looked in "
                        + candidates(name, preferred)
                        + "); install it with `apt-get install -y --no-install-recommends "
                        + debianPackage
                        + "` or run ./test.sh, which installs what the tests need"));
  }

  /** The first executable named {@code name} in {@code preferred} or on the {@code PATH}. */
  public static Optional<Path> find(String name, Path... preferred) {
    return candidates(name, preferred).stream().filter(Files::isExecutable).findFirst();
  }

  private static List<Path> candidates(String name, Path... preferred) {
    List<Path> candidates = new ArrayList<>(List.of(preferred));
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, name));
      }
    }
    return candidates;
  }
}
