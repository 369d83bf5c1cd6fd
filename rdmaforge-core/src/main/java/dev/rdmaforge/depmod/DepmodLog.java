package dev.rdmaforge.depmod;

/**
 * Where depmod's diagnostics go. The levels and their names are kmod's (syslog priorities), so a
 * front end can print {@code depmod: WARNING: ...} exactly as kmod's depmod does, and a library
 * caller can collect them instead.
 */
@FunctionalInterface
public interface DepmodLog {

  /** kmod's log levels, in syslog order: a lower value is more severe. */
  enum Level {
    FATAL(2),
    ERROR(3),
    WARNING(4),
    NOTICE(5),
    INFO(6),
    DEBUG(7);

    private final int priority;

    Level(int priority) {
      this.priority = priority;
    }

    /** The syslog priority kmod uses for this level. */
    public int priority() {
      return priority;
    }
  }

  /**
   * Receives one message. {@code message} is kmod's text without the {@code depmod: LEVEL: }
   * prefix and with its trailing newline.
   */
  void log(Level level, String message);

  /** A log that drops everything. */
  static DepmodLog discard() {
    return (level, message) -> {};
  }
}
