package dev.rdmaforge.fabric.host;

import dev.rdmaforge.report.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of POSIX sh that configuration files use: words split at unquoted blanks;
 * commands separated by newlines and {@code ;}; {@code #} comments at the start of a word;
 * {@code '...'}, {@code "..."} and backslash quoting; {@code $NAME} and {@code ${NAME}} expanded
 * from the file's earlier assignments (and {@link #parse(String, String, Map)}'s inherited
 * ones); {@code export NAME=value}. A command made only of {@code NAME=value} words sets them;
 * {@code NAME=value word} runs {@code word} with NAME set for it alone, which is how an unquoted
 * blank silently loses the rest of a value. Anything else (command substitution, control
 * structures, {@code ${x:-y}}) is reported as not evaluated.
 */
public final class ShellFileParser {
  private final String file;
  private final String text;
  private final Map<String, String> vars;
  private final List<ShellFile.Assignment> assignments = new ArrayList<>();
  private final List<ShellFile.Note> notes = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int col = 1;

  private ShellFileParser(String file, String text, Map<String, String> inherited) {
    this.file = file;
    this.text = text;
    this.vars = new HashMap<>(inherited);
  }

  /** Parses the text; {@code file} is used in locations. */
  public static ShellFile parse(String file, String text) {
    return parse(file, text, Map.of());
  }

  /**
   * Parses the text with variables set by files sourced before it (grub-mkconfig sources
   * /etc/default/grub, then each /etc/default/grub.d/*.cfg, into one shell).
   */
  public static ShellFile parse(String file, String text, Map<String, String> inherited) {
    ShellFileParser p = new ShellFileParser(file, text, inherited);
    p.run();
    return new ShellFile(file, p.assignments, p.notes);
  }

  /** One word of a command: its expanded text and where it started. */
  private record Word(String raw, String value, Location where, Location valueAt,
      boolean evaluable) {}

  private void run() {
    while (pos < text.length()) {
      List<Word> words = command();
      apply(words);
    }
  }

  private void apply(List<Word> words) {
    if (words.isEmpty()) {
      return;
    }
    int first = 0;
    if (words.get(0).raw().equals("export") || words.get(0).raw().equals("readonly")) {
      first = 1;
    }
    int n = first;
    while (n < words.size() && isAssignment(words.get(n).raw())) {
      n++;
    }
    boolean kept = first == 1 || n == words.size();
    for (int i = first; i < n; i++) {
      Word w = words.get(i);
      int eq = w.raw().indexOf('=');
      String name = w.raw().substring(0, eq);
      String value = w.value().substring(w.value().indexOf('=') + 1);
      assignments.add(new ShellFile.Assignment(name, value, w.where(), w.valueAt(), kept));
      if (kept) {
        vars.put(name, value);
      }
      if (!w.evaluable()) {
        notes.add(new ShellFile.Note(w.where(), w.raw(), false));
      }
    }
    if (first == 0 && n < words.size()) {
      Word cmd = words.get(n);
      notes.add(new ShellFile.Note(cmd.where(), cmd.raw(), !isKeyword(cmd.raw())
          && cmd.evaluable()));
    }
  }

  private static boolean isKeyword(String w) {
    return List.of("if", "then", "else", "elif", "fi", "for", "while", "do", "done", "case",
        "esac", "{", "}", "!").contains(w);
  }

  private static boolean isAssignment(String raw) {
    int eq = raw.indexOf('=');
    return eq > 0 && raw.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /** Reads words up to the end of a command (newline, ';' or end of text). */
  private List<Word> command() {
    List<Word> words = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t') {
        advance();
      } else if (c == '\n' || c == ';') {
        advance();
        return words;
      } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
        advance();
        advance();
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          advance();
        }
      } else {
        words.add(word());
      }
    }
    return words;
  }

  private Word word() {
    Location start = Location.at(file, line, col);
    StringBuilder raw = new StringBuilder();
    StringBuilder value = new StringBuilder();
    Location valueAt = null;
    boolean evaluable = true;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == ';') {
        break;
      }
      if (valueAt == null && raw.indexOf("=") >= 0) {
        valueAt = Location.at(file, line, col);
      }
      if (c == '\'') {
        raw.append(c);
        advance();
        while (pos < text.length() && text.charAt(pos) != '\'') {
          raw.append(text.charAt(pos));
          value.append(text.charAt(pos));
          advance();
        }
        if (pos < text.length()) {
          raw.append('\'');
          advance();
        }
      } else if (c == '"') {
        raw.append(c);
        advance();
        while (pos < text.length() && text.charAt(pos) != '"') {
          char d = text.charAt(pos);
          if (d == '\\' && pos + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(pos + 1)) >= 0) {
            raw.append(d);
            advance();
            if (text.charAt(pos) != '\n') {
              value.append(text.charAt(pos));
            }
            raw.append(text.charAt(pos));
            advance();
          } else if (d == '$') {
            evaluable &= expand(raw, value);
          } else if (d == '`') {
            substitution(raw, '`');
            evaluable = false;
          } else {
            raw.append(d);
            value.append(d);
            advance();
          }
        }
        if (pos < text.length()) {
          raw.append('"');
          advance();
        }
      } else if (c == '\\') {
        raw.append(c);
        advance();
        if (pos < text.length()) {
          raw.append(text.charAt(pos));
          value.append(text.charAt(pos));
          advance();
        }
      } else if (c == '$') {
        evaluable &= expand(raw, value);
      } else if (c == '`') {
        substitution(raw, '`');
        evaluable = false;
      } else {
        if (c == '(' || c == ')' || c == '|' || c == '&' || c == '<' || c == '>') {
          evaluable = false;
        }
        raw.append(c);
        value.append(c);
        advance();
      }
    }
    String v = value.toString();
    return new Word(raw.toString(), v, start, valueAt == null ? start : valueAt, evaluable);
  }

  /** Expands $NAME or ${NAME} at pos; false for forms this reader does not evaluate. */
  private boolean expand(StringBuilder raw, StringBuilder value) {
    raw.append('$');
    advance();
    if (pos < text.length() && text.charAt(pos) == '{') {
      int close = text.indexOf('}', pos);
      String inner = close < 0 ? "" : text.substring(pos + 1, close);
      if (close < 0 || !inner.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return false;
      }
      while (pos <= close) {
        raw.append(text.charAt(pos));
        advance();
      }
      value.append(vars.getOrDefault(inner, ""));
      return true;
    }
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
        || text.charAt(pos) == '_')) {
      raw.append(text.charAt(pos));
      advance();
    }
    if (pos == start) {
      if (pos < text.length() && text.charAt(pos) == '(') {
        substitution(raw, ')');
        return false;
      }
      value.append('$');
      return true;
    }
    value.append(vars.getOrDefault(text.substring(start, pos), ""));
    return true;
  }

  /**
   * Skips a command substitution ({@code `...`} from its opening backtick, or {@code $(...)}
   * from its parenthesis), which may contain blanks; its output cannot be known here.
   */
  private void substitution(StringBuilder raw, char close) {
    int depth = 0;
    raw.append(text.charAt(pos));
    advance();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      raw.append(c);
      advance();
      if (c == '\\' && pos < text.length()) {
        raw.append(text.charAt(pos));
        advance();
      } else if (close == ')' && c == '(') {
        depth++;
      } else if (c == close) {
        if (depth == 0) {
          return;
        }
        depth--;
      }
    }
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }
}
