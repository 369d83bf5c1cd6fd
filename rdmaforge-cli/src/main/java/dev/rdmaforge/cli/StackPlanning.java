package dev.rdmaforge.cli;

import dev.rdmaforge.build.plan.Plan;
import dev.rdmaforge.build.plan.PlanRequest;
import dev.rdmaforge.build.plan.Planner;
import dev.rdmaforge.build.store.ContentStore;
import dev.rdmaforge.kabi.KabiRequest;
import dev.rdmaforge.report.UserInputException;
import dev.rdmaforge.stack.StackDescriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What plan and build share: reading the stack and planning it in a temporary work directory. */
final class StackPlanning {
  private StackPlanning() {}

  /**
   * A new work directory: in {@code parent} when given (made when missing), else in the system's
   * temporary directory.
   */
  static Path newWorkDir(Path parent) {
    try {
      if (parent != null) {
        return Files.createTempDirectory(Files.createDirectories(parent), "rdmaforge-build-");
      }
      return Files.createTempDirectory("rdmaforge-build-");
    } catch (IOException e) {
      throw new UserInputException("cannot make a work directory in "
          + (parent != null ? parent : System.getProperty("java.io.tmpdir")) + ": "
          + e.getMessage() + "; give a writable directory with --work");
    }
  }

  /** Reads {@code stackFile} and plans it against {@code store}. */
  static Plan plan(Path stackFile, ContentStore store, Path work) {
    return Planner.plan(new PlanRequest(StackDescriptions.read(stackFile), store, work,
        KabiRequest.defaultCacheDir()));
  }

  /** Deletes the work directory (best effort: it is temporary). */
  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
