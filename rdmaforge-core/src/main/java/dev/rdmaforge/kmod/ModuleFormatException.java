package dev.rdmaforge.kmod;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that is not a readable kernel module: what is wrong, where (a byte offset in the
 * decompressed image, or -1), what to do, and what kmod 30 does with the same file.
 *
 * <p>The message reads {@code <file>: byte <offset>: <problem>; <what to do>}, for example {@code
 * /lib/modules/x/a.ko: byte 4660: section header table ends past the end of the file (size 4000);
 * the file is truncated or not a kernel module: reinstall or rebuild it}.
 */
public final class ModuleFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final KmodOutcome kmodOutcome;

  /**
   * Creates the exception.
   *
   * @param file the module file
   * @param offset the byte offset of the problem in the decompressed image, or -1
   * @param problem what is wrong, without the file name
   * @param advice what the user can do about it
   * @param kmodOutcome what kmod 30 does with this file
   */
  public ModuleFormatException(
      Path file, long offset, String problem, String advice, KmodOutcome kmodOutcome) {
    this(file, offset, problem, advice, kmodOutcome, null);
  }

  /**
   * Creates the exception with a cause (a decompressor's error, say).
   *
   * @param file the module file
   * @param offset the byte offset of the problem in the decompressed image, or -1
   * @param problem what is wrong, without the file name
   * @param advice what the user can do about it
   * @param kmodOutcome what kmod 30 does with this file
   * @param cause the underlying error, or null
   */
  public ModuleFormatException(
      Path file,
      long offset,
      String problem,
      String advice,
      KmodOutcome kmodOutcome,
      Throwable cause) {
    super(format(file, offset, problem, advice), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.offset = offset;
    this.kmodOutcome = Objects.requireNonNull(kmodOutcome, "kmodOutcome");
  }

  private static String format(Path file, long offset, String problem, String advice) {
    StringBuilder text = new StringBuilder().append(file).append(": ");
    if (offset >= 0) {
      text.append("byte ").append(offset).append(": ");
    }
    return text.append(problem).append("; ").append(advice).toString();
  }

  /** The module file the problem is in. */
  public Path file() {
    return file;
  }

  /** The byte offset of the problem in the (decompressed) image, or -1 when there is none. */
  public long offset() {
    return offset;
  }

  /** What kmod 30 does with the same file (its errno, or an abort). */
  public KmodOutcome kmodOutcome() {
    return kmodOutcome;
  }
}
