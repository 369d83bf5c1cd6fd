package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.DepmodLog.Level;
import java.util.Objects;

/**
 * One diagnostic kmod's modprobe prints on stderr.
 *
 * <p>{@code line} is the whole stderr line, byte for byte as Debian 12's modprobe (kmod 30, built
 * with debug logging) prints it: libkmod's messages while the configuration is read carry libkmod's
 * own prefix ({@code libkmod: ERROR ../libkmod/libkmod-config.c:712 kmod_config_parse: ...}); once
 * modprobe has taken over the log, they read {@code modprobe: ERROR:
 * ../libkmod/libkmod-module.c:1567 lookup_softdep() ...}; modprobe's own read {@code modprobe:
 * FATAL: ...}. {@code text} is the message alone, for people.
 *
 * @param level kmod's priority
 * @param text the message without any prefix or newline
 * @param line the stderr line, with its newline
 */
public record ModprobeMessage(Level level, String text, String line) {

  public ModprobeMessage {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(line, "line");
  }

  /** A libkmod message printed while the context is created (config files, command line). */
  static ModprobeMessage whileLoading(Level level, String source, String function, String text) {
    String line =
        "libkmod: " + libkmodName(level) + " ../libkmod/" + source + " " + function + ": " + text;
    return new ModprobeMessage(level, text, line + "\n");
  }

  /** A libkmod message printed after modprobe routed libkmod's log through its own. */
  static ModprobeMessage fromLibrary(Level level, String source, String function, String text) {
    String line =
        "modprobe: " + toolName(level) + ": ../libkmod/" + source + " " + function + "() " + text;
    return new ModprobeMessage(level, text, line + "\n");
  }

  /** A message of the modprobe tool itself. */
  static ModprobeMessage fromTool(Level level, String text) {
    return new ModprobeMessage(level, text, "modprobe: " + toolName(level) + ": " + text + "\n");
  }

  /** libkmod's default log function names the priority without a colon. */
  private static String libkmodName(Level level) {
    return level == Level.FATAL ? "CRITICAL" : level.name();
  }

  /** kmod's tools say FATAL for LOG_CRIT. */
  private static String toolName(Level level) {
    return level.name();
  }
}
