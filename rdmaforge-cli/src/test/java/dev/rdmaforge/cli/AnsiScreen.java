package dev.rdmaforge.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows after some output: text, {@code \r}, {@code \n} (as a terminal with
 * {@code onlcr} moves to the next line's start) and the ANSI sequences the progress view uses,
 * cursor up ({@code ESC[nA}), erase line ({@code ESC[2K}, {@code ESC[K}) and erase below ({@code
 * ESC[J}). Any other sequence fails, so a test notices when the view starts using one a terminal
 * might not know.
 */
public final class AnsiScreen {
  private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
  private int row;
  private int col;

  /** The screen after {@code output}, one string per line, without empty lines at the end. */
  public static List<String> after(String output) {
    AnsiScreen s = new AnsiScreen();
    s.write(output);
    List<String> lines = new ArrayList<>();
    s.rows.forEach(r -> lines.add(r.toString()));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private void write(String out) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c == '\u001b') {
        int end = i + 2;
        while (end < out.length() && !Character.isLetter(out.charAt(end))) {
          end++;
        }
        if (out.charAt(i + 1) != '[' || end >= out.length()) {
          throw new IllegalArgumentException("not a CSI sequence at " + i);
        }
        control(out.substring(i + 2, end), out.charAt(end));
        i = end;
      } else if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        row++;
        col = 0;
        while (rows.size() <= row) {
          rows.add(new StringBuilder());
        }
      } else {
        StringBuilder r = rows.get(row);
        while (r.length() < col) {
          r.append(' ');
        }
        if (col < r.length()) {
          r.setCharAt(col, c);
        } else {
          r.append(c);
        }
        col++;
      }
    }
  }

  private void control(String args, char command) {
    int n = args.isEmpty() ? 1 : Integer.parseInt(args);
    switch (command) {
      case 'A' -> row = Math.max(0, row - n);
      case 'J' -> {
        rows.get(row).setLength(Math.min(col, rows.get(row).length()));
        while (rows.size() > row + 1) {
          rows.remove(rows.size() - 1);
        }
      }
      case 'K' -> {
        if (args.equals("2")) {
          rows.get(row).setLength(0);
        } else {
          rows.get(row).setLength(Math.min(col, rows.get(row).length()));
        }
      }
      default -> throw new IllegalArgumentException("unexpected sequence ESC[" + args + command);
    }
  }
}
