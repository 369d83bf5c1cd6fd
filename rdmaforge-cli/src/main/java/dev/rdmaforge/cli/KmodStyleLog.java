package dev.rdmaforge.cli;

import dev.rdmaforge.depmod.DepmodLog;
import java.io.PrintWriter;

/** Prints depmod's messages as kmod does: {@code depmod: LEVEL: text}, filtered by verbosity. */
final class KmodStyleLog implements DepmodLog {
  private final PrintWriter err;
  private final int maxPriority;

  KmodStyleLog(PrintWriter err, int maxPriority) {
    this.err = err;
    this.maxPriority = maxPriority;
  }

  @Override
  public void log(Level level, String message) {
    if (level.priority() <= maxPriority) {
      err.print("depmod: " + level.name() + ": " + message);
    }
  }

  void fatal(String message) {
    err.print("depmod: FATAL: " + message + "\n");
  }
}
