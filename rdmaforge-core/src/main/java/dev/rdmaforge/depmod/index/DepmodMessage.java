package dev.rdmaforge.depmod.index;

import dev.rdmaforge.depmod.DepmodLog;
import java.util.Objects;

/**
 * One diagnostic depmod prints while writing an index, kept so a caller can replay it in order.
 *
 * @param level kmod's level
 * @param text kmod's text without the {@code depmod: LEVEL: } prefix, with its trailing newline;
 *     one char per byte, since it may quote input bytes
 */
public record DepmodMessage(DepmodLog.Level level, String text) {

  /** Checks both fields are present. */
  public DepmodMessage {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(text, "text");
  }

  /** Hands this message to {@code log}. */
  public void replayTo(DepmodLog log) {
    log.log(level, text);
  }

  /** The text as depmod writes it to stderr, e.g. {@code depmod: ERROR: Invalid ...}. */
  public String stderrText() {
    return "depmod: " + level.name() + ": " + text;
  }
}
