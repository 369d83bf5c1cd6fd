package dev.rdmaforge.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An {@code install} line's command, read as far as its effect can be known without running it.
 *
 * <p>modprobe hands the command to {@code /bin/sh -c}. The lines sites really write are short
 * and-or lists of a few commands: {@code /bin/true} or {@code /bin/false} to keep a module out,
 * {@code /sbin/modprobe --ignore-install NAME $CMDLINE_OPTS && /sbin/modprobe OTHER} to load a
 * companion, {@code echo} or {@code logger} to leave a trace. Those are read here, with the shell's
 * rules for {@code ;}, {@code &&} and {@code ||} (equal precedence, left to right) and output
 * redirections ignored. Anything else (quotes, variables, substitutions, pipes, subshells, other
 * programs) is opaque: the command is reported, not guessed at.
 */
final class InstallCommand {
  private static final Set<String> TRUE = Set.of("true", "/bin/true", "/usr/bin/true", ":");
  private static final Set<String> FALSE = Set.of("false", "/bin/false", "/usr/bin/false");
  /** Programs that print or log and succeed, changing nothing modprobe cares about. */
  private static final Set<String> NO_EFFECT =
      Set.of("echo", "/bin/echo", "/usr/bin/echo", "logger", "/usr/bin/logger", "/bin/logger");
  private static final Set<String> MODPROBE =
      Set.of("modprobe", "/sbin/modprobe", "/usr/sbin/modprobe", "/bin/modprobe",
          "/usr/bin/modprobe");
  /** Characters that make the shell do more than split words, which this reader does not follow. */
  private static final Pattern SHELL_SYNTAX =
      Pattern.compile("[\"'`$\\\\(){}<*?\\[\\]~#]|(?<!\\|)\\|(?!\\|)");
  /** The shell's reserved words: compound commands this reader does not follow. */
  private static final Set<String> RESERVED =
      Set.of("if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "case",
          "esac", "in", "!", "function", "select");
  private static final Pattern REDIRECTION = Pattern.compile("\\d*>>?(&\\d+|&-)?");
  private static final Pattern REDIRECTION_WITH_TARGET = Pattern.compile("\\d*>>?(&\\d+|&-|[^&].*)");

  /** One simple command of the list. */
  sealed interface Simple permits Exits, Modprobe, Opaque {}

  /**
   * A command whose only effect is its exit status ({@code true}, {@code false}, {@code echo}).
   */
  record Exits(int status, String text) implements Simple {}

  /**
   * A modprobe run.
   *
   * @param names the names to load: one, or several with {@code -a}
   * @param arguments module parameters for the single name (none with {@code -a})
   * @param ignoreInstall {@code -i}/{@code --ignore-install}
   * @param useBlacklist {@code -b}/{@code --use-blacklist}
   * @param firstTime {@code --first-time}
   * @param text the command as written
   */
  record Modprobe(
      List<String> names,
      List<String> arguments,
      boolean ignoreInstall,
      boolean useBlacklist,
      boolean firstTime,
      String text)
      implements Simple {}

  /** A command this reader cannot follow. */
  record Opaque(String text) implements Simple {}

  /**
   * One command of the list with the operator before it.
   *
   * @param operator null for the first command, else {@code ;}, {@code &&} or {@code ||}
   */
  record Link(String operator, Simple command) {}

  private InstallCommand() {}

  /**
   * The and-or list of {@code command} (options already substituted for {@code $CMDLINE_OPTS});
   * empty when the text uses shell syntax this reader does not follow.
   */
  static Optional<List<Link>> parse(String command) {
    if (SHELL_SYNTAX.matcher(command).find() || command.contains("&&&")) {
      return Optional.empty();
    }
    List<Link> links = new ArrayList<>();
    String operator = null;
    List<String> words = new ArrayList<>();
    for (String token : tokens(command)) {
      if (token.equals(";") || token.equals("&&") || token.equals("||")) {
        if (words.isEmpty()) {
          return Optional.empty(); // "; x", "a && && b": syntax errors for the shell
        }
        links.add(new Link(operator, simple(words)));
        words = new ArrayList<>();
        operator = token;
      } else if (token.equals("&")) {
        return Optional.empty(); // a background job: its effect races modprobe
      } else if (words.isEmpty() && RESERVED.contains(token)) {
        return Optional.empty();
      } else {
        words.add(token);
      }
    }
    if (!words.isEmpty()) {
      links.add(new Link(operator, simple(words)));
    } else if (operator != null && !operator.equals(";")) {
      return Optional.empty(); // "a &&" is a syntax error
    }
    return links.isEmpty() ? Optional.empty() : Optional.of(links);
  }

  /** Words and the operators {@code ; && || &}, split on blanks and around operators. */
  private static List<String> tokens(String command) {
    List<String> tokens = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n') {
        flush(word, tokens);
        i++;
      } else if (c == ';') {
        flush(word, tokens);
        tokens.add(";");
        i++;
      } else if (c == '&' && i + 1 < command.length() && command.charAt(i + 1) == '&') {
        flush(word, tokens);
        tokens.add("&&");
        i += 2;
      } else if (c == '&' && (word.length() == 0 || word.charAt(word.length() - 1) != '>')) {
        flush(word, tokens);
        tokens.add("&");
        i++;
      } else if (c == '|' && i + 1 < command.length() && command.charAt(i + 1) == '|') {
        flush(word, tokens);
        tokens.add("||");
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    flush(word, tokens);
    return tokens;
  }

  private static void flush(StringBuilder word, List<String> tokens) {
    if (word.length() > 0) {
      tokens.add(word.toString());
      word.setLength(0);
    }
  }

  private static Simple simple(List<String> raw) {
    String text = String.join(" ", raw);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String w = raw.get(i);
      if (REDIRECTION.matcher(w).matches() && !w.contains("&")) {
        i++; // "> FILE": the target is the next word
        if (i >= raw.size()) {
          return new Opaque(text);
        }
        if (!raw.get(i).equals("/dev/null")) {
          return new Opaque(text); // writes a file: an effect of its own
        }
      } else if (REDIRECTION_WITH_TARGET.matcher(w).matches()) {
        String target = w.replaceFirst("^\\d*>>?", "");
        if (!target.startsWith("&") && !target.equals("/dev/null")) {
          return new Opaque(text);
        }
      } else {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return new Opaque(text);
    }
    String program = words.get(0);
    if (TRUE.contains(program)) {
      return new Exits(0, text);
    }
    if (FALSE.contains(program)) {
      return new Exits(1, text);
    }
    if (NO_EFFECT.contains(program)) {
      return new Exits(0, text);
    }
    if (MODPROBE.contains(program)) {
      return modprobe(words.subList(1, words.size()), text);
    }
    return new Opaque(text);
  }

  private static Simple modprobe(List<String> args, String text) {
    boolean ignoreInstall = false;
    boolean useBlacklist = false;
    boolean firstTime = false;
    boolean all = false;
    List<String> operands = new ArrayList<>();
    // modprobe's getopt permutes: an option counts wherever it stands, the first operand is the
    // name and the rest are its parameters (or more names with -a).
    for (String a : args) {
      switch (a) {
        case "-i", "--ignore-install" -> ignoreInstall = true;
        case "-b", "--use-blacklist" -> useBlacklist = true;
        case "--first-time" -> firstTime = true;
        case "-a", "--all" -> all = true;
        case "-q", "--quiet", "-v", "--verbose", "-s", "--syslog" -> { }
        default -> {
          if (a.startsWith("-")) {
            return new Opaque(text); // removal, dry runs, other roots: not a plain load
          }
          operands.add(a);
        }
      }
    }
    if (operands.isEmpty()) {
      return new Opaque(text);
    }
    if (all) {
      return new Modprobe(operands, List.of(), ignoreInstall, useBlacklist, firstTime, text);
    }
    return new Modprobe(List.of(operands.get(0)), operands.subList(1, operands.size()),
        ignoreInstall, useBlacklist, firstTime, text);
  }
}
