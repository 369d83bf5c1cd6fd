package dev.rdmaforge.report;

import java.util.Objects;

/**
 * Where a finding points: a file plus either a line and column (both 1-based) or a byte offset.
 * A line or column of 0 and a byte offset of -1 mean "not known". {@link #toString()} renders the
 * place the way compilers do ({@code path:12:5}, {@code path:12}, {@code path@0x1f4} or {@code
 * path}), so editors and terminals can jump to it.
 *
 * @param file the file as the user named it (a path, or {@code package!path/inside})
 * @param line 1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 * @param byteOffset 0-based byte offset, or -1 if unknown
 */
public record Location(String file, int line, int column, long byteOffset) {

  /** Validates the parts: a file is required; positions are never negative (except -1 offset). */
  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0 || byteOffset < -1) {
      throw new IllegalArgumentException("negative position in " + file);
    }
  }

  /** A whole file, no position inside it. */
  public static Location of(String file) {
    return new Location(file, 0, 0, -1);
  }

  /** A line (1-based) in a file. */
  public static Location at(String file, int line) {
    return new Location(file, line, 0, -1);
  }

  /** A line and column (both 1-based) in a file. */
  public static Location at(String file, int line, int column) {
    return new Location(file, line, column, -1);
  }

  /** A byte offset (0-based) in a binary file. */
  public static Location atOffset(String file, long byteOffset) {
    return new Location(file, 0, 0, byteOffset);
  }

  /** True when a line is known. */
  public boolean hasLine() {
    return line > 0;
  }

  @Override
  public String toString() {
    if (line > 0 && column > 0) {
      return file + ":" + line + ":" + column;
    }
    if (line > 0) {
      return file + ":" + line;
    }
    if (byteOffset >= 0) {
      return file + "@0x" + Long.toHexString(byteOffset);
    }
    return file;
  }
}
