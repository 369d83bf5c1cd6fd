package dev.rdmaforge.cli;

import dev.rdmaforge.build.exec.progress.StepProgress;
import java.util.Locale;

/**
 * One bar line of the terminal view, fitted to a width:
 *
 * <pre>
 * [#####.....] rebuild/ofa-like/6.1.0-56-amd64  %build  CC [M] ofa_core.o  12.3 s
 * </pre>
 *
 * <p>When it does not fit, the detail is cut first, then the phase, then the middle of the step
 * id (its kind and its kernel, at both ends, say most); the time stays. Text from the log is
 * reduced to printable ASCII so that every character takes one column and no control sequence
 * from a build reaches the terminal.
 */
final class ProgressLine {
  /** The bar's cells. */
  static final int CELLS = 10;

  private static final String CUT = "...";

  private ProgressLine() {}

  /**
   * The line for a running step.
   *
   * @param id the step id
   * @param p where its build is
   * @param elapsedNanos how long it has been running
   * @param width the columns the line may take
   */
  static String render(String id, StepProgress p, long elapsedNanos, int width) {
    int filled = (int) Math.min(CELLS, Math.floor(p.fraction() * CELLS));
    String bar = "[" + "#".repeat(filled) + ".".repeat(CELLS - filled) + "] ";
    String time = String.format(Locale.ROOT, "  %.1f s", elapsedNanos / 1e9);
    String step = printable(id);
    String label = printable(p.label());
    String detail = printable(p.detail());
    int room = width - bar.length() - time.length() - step.length();
    String middle = middle(label, detail, room);
    if (middle.isEmpty() && room < 0) {
      step = cutMiddle(step, width - bar.length() - time.length());
    }
    return fit(bar + step + middle + time, width);
  }

  /** The total line: {@code 3/8 steps done (2 cached), 2 running}. */
  static String total(int done, int steps, int cached, int failed, int skipped, int running,
      int width) {
    StringBuilder s = new StringBuilder();
    s.append(done).append('/').append(steps).append(" steps done (").append(cached)
        .append(" cached");
    if (failed > 0) {
      s.append(", ").append(failed).append(" failed");
    }
    if (skipped > 0) {
      s.append(", ").append(skipped).append(" skipped");
    }
    s.append("), ").append(running).append(" running");
    return fit(s.toString(), width);
  }

  /** "  LABEL  DETAIL" within {@code room}, the detail cut first; empty when the label is too. */
  private static String middle(String label, String detail, int room) {
    String full = "  " + label + (detail.isEmpty() ? "" : "  " + detail);
    if (full.length() <= room) {
      return full;
    }
    String head = "  " + label;
    if (!detail.isEmpty() && head.length() + 2 + CUT.length() + 1 <= room) {
      return (head + "  " + detail).substring(0, room - CUT.length()) + CUT;
    }
    return head.length() <= room ? head : "";
  }

  private static String cutMiddle(String s, int room) {
    if (s.length() <= room) {
      return s;
    }
    if (room <= CUT.length() + 2) {
      return s.substring(0, Math.max(0, room));
    }
    int keep = room - CUT.length();
    int head = keep / 2;
    return s.substring(0, head) + CUT + s.substring(s.length() - (keep - head));
  }

  private static String fit(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width));
  }

  /** Printable ASCII only: a control character or a wide one would break the layout. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : c == '\t' ? ' ' : '?');
    }
    return b.toString();
  }
}
