package dev.rdmaforge.cli;

import dev.rdmaforge.build.exec.StepOutcome;
import dev.rdmaforge.build.exec.progress.BuildLogWatch;
import dev.rdmaforge.build.exec.progress.StepProgress;
import dev.rdmaforge.build.plan.PlanStep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The terminal view of a build: one bar line per running step ({@link ProgressLine}), its phase
 * read from the step's growing log ({@link BuildLogWatch}), and a total line, redrawn in place
 * every {@value #REDRAW_MILLIS} ms by one daemon thread. A finished step's permanent line (the
 * same text as {@link PlainProgress}'s) is printed above the bars, which stay at the bottom.
 *
 * <p>Drawing uses only ANSI cursor-up, erase-line and erase-below, so it works on any terminal
 * that is not {@code dumb}. The bars are erased before every permanent line and on {@link
 * #close} (also from a shutdown hook, for Ctrl-C), so the screen never keeps a half-drawn frame.
 * Lines are fitted to one column less than the width: writing the last column makes some
 * terminals wrap at once, which would throw the line count off.
 */
final class TerminalProgress implements BuildProgress {
  /** How often the bars are redrawn. */
  static final long REDRAW_MILLIS = 150;

  /** The width when {@code COLUMNS} is unset or not a number. */
  static final int DEFAULT_WIDTH = 80;

  private static final String ESC = "\u001b[";

  private final PrintWriter out;
  private final int steps;
  private final int width;
  private final LongSupplier nanoTime;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private int done;
  private int cached;
  private int failed;
  private int skipped;
  private int drawn;
  private boolean closed;
  private ScheduledExecutorService ticker;
  private Thread hook;

  /** A running step: when it started and, once told, its log. */
  private static final class Running {
    final long start;
    BuildLogWatch watch;
    StepProgress last = StepProgress.waiting();

    Running(long start) {
      this.start = start;
    }
  }

  /**
   * A view that draws only when told ({@link #redraw}) until {@link #start}.
   *
   * @param out the terminal
   * @param steps how many steps the plan has
   * @param width the terminal's columns
   * @param nanoTime the clock for the elapsed times ({@code System::nanoTime})
   */
  TerminalProgress(PrintWriter out, int steps, int width, LongSupplier nanoTime) {
    this.out = out;
    this.steps = steps;
    this.width = width;
    this.nanoTime = nanoTime;
  }

  /** {@code COLUMNS} as a width, {@value #DEFAULT_WIDTH} when unset or not a positive number. */
  static int width(String columns) {
    try {
      int w = columns == null ? 0 : Integer.parseInt(columns.strip());
      return w > 0 ? w : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /** Starts the redrawing thread and the shutdown hook that erases the bars. */
  synchronized void start() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rdmaforge-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::redrawQuietly, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    hook = new Thread(this::close, "rdmaforge-progress-erase");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void started(PlanStep step) {
    started(step.id());
  }

  @Override
  public void logging(PlanStep step, Path log) {
    logging(step.id(), log);
  }

  @Override
  public void finished(PlanStep step, StepOutcome outcome) {
    finished(step.id(), outcome);
  }

  synchronized void started(String id) {
    running.put(id, new Running(nanoTime.getAsLong()));
  }

  synchronized void logging(String id, Path log) {
    Running r = running.get(id);
    if (r != null) {
      r.watch = new BuildLogWatch(log);
    }
  }

  synchronized void finished(String id, StepOutcome o) {
    running.remove(id);
    done++;
    switch (o.status()) {
      case CACHED -> cached++;
      case FAILED -> failed++;
      case SKIPPED -> skipped++;
      case BUILT -> { }
    }
    if (closed) {
      return;
    }
    erase();
    out.print(PlainProgress.finishedLine(id, o) + "\n");
    draw();
    out.flush();
  }

  /** Reads the running steps' logs and draws the bars again. */
  synchronized void redraw() {
    if (closed) {
      return;
    }
    for (Running r : running.values()) {
      if (r.watch != null) {
        r.last = r.watch.poll();
      }
    }
    erase();
    draw();
    out.flush();
  }

  private void redrawQuietly() {
    try {
      redraw();
    } catch (RuntimeException e) {
      // A view must never stop a build; the next tick tries again.
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      erase();
      out.flush();
      t = ticker;
    }
    if (t != null) {
      t.shutdownNow();
    }
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or has run.
      }
    }
  }

  /** The bar lines and the total line, as they would be drawn now. */
  synchronized List<String> frame() {
    List<String> lines = new ArrayList<>();
    long now = nanoTime.getAsLong();
    int columns = Math.max(1, width - 1);
    running.forEach((id, r) -> lines.add(ProgressLine.render(id, r.last, now - r.start, columns)));
    lines.add(ProgressLine.total(done, steps, cached, failed, skipped, running.size(), columns));
    return lines;
  }

  private void draw() {
    StringBuilder s = new StringBuilder();
    List<String> lines = frame();
    for (String line : lines) {
      s.append(ESC).append("2K").append(line).append('\n');
    }
    out.print(s);
    drawn = lines.size();
  }

  /** Moves the cursor back to the first bar line and erases it and everything below. */
  private void erase() {
    if (drawn > 0) {
      out.print("\r" + ESC + drawn + "A" + ESC + "J");
      drawn = 0;
    }
  }
}
