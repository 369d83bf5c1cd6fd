package dev.rdmaforge.cli;

import dev.rdmaforge.build.exec.ExecutionListener;
import java.io.PrintWriter;

/**
 * What {@code build} shows while its steps run: {@link PlainProgress} lines or {@link
 * TerminalProgress} bars. Closing it leaves only permanent lines on the screen, so whatever is
 * printed next (the failure summary, the load check) starts on a clean line.
 */
interface BuildProgress extends ExecutionListener, AutoCloseable {
  /** Stops drawing and erases anything drawn that is not a permanent line. */
  @Override
  void close();

  /**
   * The view {@code mode} asks for on this process's terminal: bars fitted to {@code COLUMNS}
   * (default 80) and redrawn by a daemon thread, or plain lines.
   *
   * @param out standard output
   * @param steps how many steps the plan has (cached ones included)
   */
  static BuildProgress open(ProgressMode mode, PrintWriter out, int steps) {
    if (!mode.bars(System.console() != null, System.getenv("TERM"))) {
      return new PlainProgress(out);
    }
    TerminalProgress bars = new TerminalProgress(out, steps,
        TerminalProgress.width(System.getenv("COLUMNS")), System::nanoTime);
    bars.start();
    return bars;
  }
}
