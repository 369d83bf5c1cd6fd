package dev.rdmaforge.cli;

import picocli.CommandLine;

/** How {@code build} shows its progress ({@code --progress}). */
enum ProgressMode {
  /** Bars when standard output is a terminal that can draw them, lines otherwise. */
  AUTO,
  /** Bars, whatever standard output is (for a terminal Java does not recognise). */
  TTY,
  /** One line per event: safe for logs, pipes and CI. */
  PLAIN;

  /**
   * Whether to draw bars.
   *
   * @param console whether Java sees a terminal ({@code System.console() != null}: both stdin and
   *     stdout are terminals on Java 17)
   * @param term the {@code TERM} environment variable, null when unset; {@code dumb} (Emacs'
   *     shell, some CI consoles) cannot move the cursor
   */
  boolean bars(boolean console, String term) {
    return switch (this) {
      case TTY -> true;
      case PLAIN -> false;
      case AUTO -> console && !"dumb".equals(term);
    };
  }

  /** Reads {@code auto}, {@code tty} or {@code plain}, as the documentation spells them. */
  static final class Converter implements CommandLine.ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      return switch (value) {
        case "auto" -> AUTO;
        case "tty" -> TTY;
        case "plain" -> PLAIN;
        default -> throw new CommandLine.TypeConversionException("'" + value
            + "' is not a progress mode: use auto, tty or plain");
      };
    }
  }
}
