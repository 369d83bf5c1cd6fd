package dev.rdmaforge.pkg;

import dev.rdmaforge.report.UserInputException;
import java.nio.file.Path;

/**
 * The messages of bad packages: each names the package file, the place (a byte offset in the
 * file, or an entry path) and what to do.
 */
final class PackageProblems {
  /** For a file that is cut short, bit-flipped or not what it claims. */
  static final String DAMAGED =
      "the package is damaged or incomplete: download it again and compare its checksum with the"
          + " repository's";
  /** For a package built to write where no package may write. */
  static final String HOSTILE =
      "no real package does this: do not install it, and ask whoever built it for a fixed build";

  private PackageProblems() {}

  /** {@code FILE: byte N: what; todo}. */
  static UserInputException atByte(Path file, long offset, String what, String todo) {
    return new UserInputException(file + ": byte " + offset + ": " + what + "; " + todo);
  }

  /** {@link #atByte} with a cause kept for {@code --stacktrace}. */
  static UserInputException atByte(
      Path file, long offset, String what, String todo, Throwable cause) {
    return new UserInputException(file + ": byte " + offset + ": " + what + "; " + todo, cause);
  }

  /** {@code FILE: entry 'PATH': what; todo}. */
  static UserInputException atEntry(Path file, String entry, String what, String todo) {
    return new UserInputException(file + ": entry '" + entry + "': " + what + "; " + todo);
  }

  /** {@link #atEntry} with a cause. */
  static UserInputException atEntry(
      Path file, String entry, String what, String todo, Throwable cause) {
    return new UserInputException(
        file + ": entry '" + entry + "': " + what + "; " + todo, cause);
  }

  /** {@code FILE: what; todo}. */
  static UserInputException of(Path file, String what, String todo) {
    return new UserInputException(file + ": " + what + "; " + todo);
  }
}
