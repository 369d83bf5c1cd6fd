package dev.rdmaforge.fabric.modprobe;

import static dev.rdmaforge.fabric.rules.FabricRule.MODPROBE_SYNTAX;

import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a modprobe.d file as kmod 30's libkmod does ({@code kmod_config_parse}): a backslash
 * before a newline joins two lines and a backslash before any other character is dropped; a
 * line whose first character is {@code #} is a comment (an indented {@code #} is not: it is a
 * bad command); words are split at blanks and tabs; module names get {@code -} turned into
 * {@code _} and must not have an unmatched bracket. A line libkmod cannot use is reported with
 * the line number libkmod prints (the last physical line of a joined line) and kept out of the
 * result.
 */
public final class ModprobeConfParser {
  private ModprobeConfParser() {}

  /** A joined line with the file position of each of its characters. */
  private record Logical(String text, int[] lines, int[] columns, int lastLine) {
    Location at(String file, int index) {
      if (index >= text.length()) {
        return Location.at(file, lastLine, 1);
      }
      return Location.at(file, lines[index], columns[index]);
    }
  }

  /** Parses the text; {@code file} is used in locations. */
  public static ModprobeConf parse(String file, String text) {
    List<ModprobeCommand> commands = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Logical l : logicalLines(text)) {
      command(file, l, commands, findings);
    }
    return new ModprobeConf(file, commands, findings);
  }

  private static void command(String file, Logical l, List<ModprobeCommand> commands,
      List<Finding> findings) {
    String s = l.text();
    if (s.isEmpty() || s.charAt(0) == '#') {
      return;
    }
    int[] pos = {0};
    int cmdAt = nextToken(s, pos);
    if (cmdAt < 0) {
      return;
    }
    String cmd = token(s, cmdAt);
    int modAt = nextToken(s, pos);
    String module = modAt < 0 ? null : underscores(token(s, modAt));
    String bad = "libkmod: " + file + " line " + l.lastLine() + ": ignoring bad line starting with '"
        + cmd + "'";
    switch (cmd) {
      case "alias" -> {
        int targetAt = nextToken(s, pos);
        String target = targetAt < 0 ? null : underscores(token(s, targetAt));
        if (module == null || target == null) {
          findings.add(badLine(file, l, bad, "write `alias <name> <module>`"));
        } else {
          commands.add(new ModprobeCommand(cmd, module, target, List.of(), l.at(file, modAt)));
        }
      }
      case "blacklist" -> {
        if (module == null) {
          findings.add(badLine(file, l, bad, "write `blacklist <module>`"));
        } else {
          commands.add(new ModprobeCommand(cmd, module, "", List.of(), l.at(file, modAt)));
        }
      }
      case "options", "install", "remove", "softdep" -> {
        // strtok_r(NULL, "\0"): the rest after the one blank that ended the module name, as is
        int restAt = modAt < 0 ? -1 : modAt + token(s, modAt).length() + 1;
        if (module == null || restAt > s.length() || restAt == s.length()) {
          findings.add(badLine(file, l, bad, "write `" + cmd + " <module> "
              + (cmd.equals("options") ? "name=value ...`" : "...`")));
          return;
        }
        String rest = s.substring(restAt).replace('\t', ' ');
        List<ModuleOption> options = new ArrayList<>();
        if (cmd.equals("options")) {
          for (KernelArg a : KernelArgs.split(rest)) {
            options.add(new ModuleOption(a, l.at(file, restAt + a.offset())));
          }
        }
        commands.add(new ModprobeCommand(cmd, module, rest, options, l.at(file, modAt)));
      }
      case "include", "config" -> findings.add(MODPROBE_SYNTAX.at(l.at(file, cmdAt),
          "libkmod: " + file + ": command " + cmd + " is deprecated and not parsed anymore",
          "copy the included settings into a modprobe.d/*.conf file"));
      default -> findings.add(badLine(file, l, bad, cmd.startsWith("#")
          ? "start the comment in the first column: libkmod only takes '#' there"
          : "use one of options, alias, blacklist, install, remove, softdep"));
    }
  }

  private static Finding badLine(String file, Logical l, String message, String fix) {
    return MODPROBE_SYNTAX.at(Location.at(file, l.lastLine(), 1), message + " (the line has no"
        + " effect)", fix);
  }

  /** strtok_r with " \t": the start of the next token, or -1; advances {@code pos}. */
  private static int nextToken(String s, int[] pos) {
    int i = pos[0];
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i >= s.length()) {
      pos[0] = i;
      return -1;
    }
    int end = i;
    while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
      end++;
    }
    pos[0] = Math.min(end + 1, s.length());
    return i;
  }

  private static String token(String s, int at) {
    int end = at;
    while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
      end++;
    }
    return s.substring(at, end);
  }

  /**
   * kmod's {@code underscores}: {@code -} becomes {@code _} except inside {@code [...]}; an
   * unmatched {@code ]} or an unclosed {@code [} makes the line bad (null).
   */
  static String underscores(String word) {
    StringBuilder b = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '-') {
        b.append('_');
      } else if (c == ']') {
        return null;
      } else if (c == '[') {
        int close = word.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        b.append(word, i, close + 1);
        i = close;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** freadline_wrapped: joins backslash-newline, drops other backslashes. */
  private static List<Logical> logicalLines(String text) {
    List<Logical> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    List<int[]> positions = new ArrayList<>();
    int line = 1;
    int col = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.add(logical(b, positions, line));
        b.setLength(0);
        positions.clear();
        line++;
        col = 1;
        i++;
      } else if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == '\n') {
          line++;
          col = 1;
        } else {
          b.append(next);
          positions.add(new int[] {line, col + 1});
          col += 2;
        }
        i += 2;
      } else if (c == '\\') {
        i++;
      } else {
        b.append(c);
        positions.add(new int[] {line, col});
        col++;
        i++;
      }
    }
    if (b.length() > 0) {
      out.add(logical(b, positions, line));
    }
    return out;
  }

  private static Logical logical(StringBuilder b, List<int[]> positions, int lastLine) {
    int[] lines = new int[positions.size()];
    int[] cols = new int[positions.size()];
    for (int k = 0; k < positions.size(); k++) {
      lines[k] = positions.get(k)[0];
      cols[k] = positions.get(k)[1];
    }
    return new Logical(b.toString(), lines, cols, lastLine);
  }
}
