package dev.rdmaforge.kabi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code --kernels} argument: a file or directory, with the kernel release when the user gave
 * it as {@code RELEASE=FILE} (needed when the release cannot be read from the input, e.g. a bare
 * Module.symvers).
 *
 * @param file the kernel package, symvers file or header tree
 * @param release the release the user named, or null to read it from the input
 */
public record KernelInput(Path file, String release) {
  /** File required. */
  public KernelInput {
    Objects.requireNonNull(file, "file");
  }

  /**
   * Parses {@code FILE} or {@code RELEASE=FILE}. A word before {@code =} is taken as a release
   * only when it holds no {@code /}, so a path that contains {@code =} stays a path.
   */
  public static KernelInput parse(String argument) {
    int eq = argument.indexOf('=');
    if (eq > 0 && argument.substring(0, eq).indexOf('/') < 0 && eq < argument.length() - 1) {
      return new KernelInput(Path.of(argument.substring(eq + 1)), argument.substring(0, eq));
    }
    return new KernelInput(Path.of(argument), null);
  }

  /** The argument as the user would write it. */
  @Override
  public String toString() {
    return release == null ? file.toString() : release + "=" + file;
  }
}
