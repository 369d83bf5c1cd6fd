package dev.rdmaforge.pkg;

import java.io.InputStream;
import java.util.Objects;

/**
 * One entry of a payload.
 *
 * @param file what the entry is (a hard link's {@link PackagedFile#linkTarget()} names the file
 *     with the content; in an RPM that file may come later in the payload)
 * @param content a regular file's bytes, exactly {@code file.size()} of them; empty for the other
 *     types. Valid until the next call of {@link PayloadReader#next()}; reading it to the end
 *     verifies the package's digest for the file and throws {@link
 *     dev.rdmaforge.report.UserInputException} when the content is short or differs.
 */
public record PayloadEntry(PackagedFile file, InputStream content) {

  /** Requires both parts. */
  public PayloadEntry {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
  }
}
