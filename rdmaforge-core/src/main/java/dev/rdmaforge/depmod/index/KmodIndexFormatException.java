package dev.rdmaforge.depmod.index;

import dev.rdmaforge.report.UserInputException;

/**
 * A file that is not a well-formed kmod index. The message names the file and the byte offset of
 * the problem, and says to regenerate the file with depmod.
 */
public final class KmodIndexFormatException extends UserInputException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long byteOffset;

  /**
   * @param file the file's name as given to the reader
   * @param byteOffset where in the file the problem is
   * @param problem what is wrong there
   */
  public KmodIndexFormatException(String file, long byteOffset, String problem) {
    super(
        file
            + ": byte offset "
            + byteOffset
            + ": "
            + problem
            + "; this is not a kmod index depmod wrote: regenerate it with depmod");
    this.file = file;
    this.byteOffset = byteOffset;
  }

  /** The file's name as given to the reader. */
  public String file() {
    return file;
  }

  /** Where in the file the problem is. */
  public long byteOffset() {
    return byteOffset;
  }
}
