package dev.rdmaforge.build.plan;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a dependent's source directory holds. */
public final class SourceTrees {
  private SourceTrees() {}

  /**
   * The spec file at the top of a spec directory: the single {@code *.spec} there. Empty when it
   * has none; several are refused (which one is meant cannot be guessed).
   */
  public static Optional<Path> spec(Path dir) {
    List<Path> specs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.spec")) {
      s.forEach(p -> {
        if (Files.isRegularFile(p)) {
          specs.add(p);
        }
      });
    } catch (IOException e) {
      throw new UserInputException(dir + ": cannot be listed: " + e.getMessage(), e);
    }
    if (specs.size() > 1) {
      throw new UserInputException(dir + ": " + specs.size() + " spec files at its top ("
          + specs.stream().map(p -> p.getFileName().toString()).sorted().toList() + "); a spec"
          + " directory holds one spec");
    }
    return specs.stream().findFirst();
  }
}
