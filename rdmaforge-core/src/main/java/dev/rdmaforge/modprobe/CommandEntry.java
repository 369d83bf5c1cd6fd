package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.config.Origin;

/**
 * An {@code install MODULE COMMAND} or {@code remove MODULE COMMAND} line. The first line whose
 * module (an fnmatch pattern) matches a module's name is the one that applies; modprobe runs it
 * with {@code /bin/sh -c} instead of inserting the module, after replacing every {@code
 * $CMDLINE_OPTS} with the module's options.
 *
 * @param module the module name or pattern
 * @param command the command text as kmod keeps it (everything after the name's delimiter)
 * @param origin the file and line
 */
public record CommandEntry(String module, String command, Origin origin) {

  /** The command modprobe runs: {@code $CMDLINE_OPTS} replaced by {@code options}. */
  public String expanded(String options) {
    return command.replace("$CMDLINE_OPTS", options == null ? "" : options);
  }
}
