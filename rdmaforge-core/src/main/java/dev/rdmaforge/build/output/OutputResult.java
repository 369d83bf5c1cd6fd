package dev.rdmaforge.build.output;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link StackOutputs#write} did.
 *
 * @param directory the output directory
 * @param upToDate true when it already held this exact result (nothing written, nothing checked)
 * @param written true when the new result was moved into place
 * @param verdicts the load check of every package that must load on each target kernel
 */
public record OutputResult(Path directory, boolean upToDate, boolean written,
    List<LoadVerdict> verdicts) {

  /** Requires every part and freezes the list. */
  public OutputResult {
    Objects.requireNonNull(directory, "directory");
    verdicts = List.copyOf(verdicts);
  }

  /** Whether the stack loads on every target kernel (or the output was already good). */
  public boolean loads() {
    return verdicts.stream().allMatch(LoadVerdict::loads);
  }
}
