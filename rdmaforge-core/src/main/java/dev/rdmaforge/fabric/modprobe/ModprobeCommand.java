package dev.rdmaforge.fabric.modprobe;

import dev.rdmaforge.report.Location;
import java.util.List;

/**
 * One command of a modprobe.d file that libkmod accepted.
 *
 * @param command {@code options}, {@code alias}, {@code blacklist}, {@code install}, {@code
 *     remove} or {@code softdep}
 * @param module the module name as kmod stores it ({@code -} turned into {@code _} outside
 *     brackets)
 * @param rest the text after the module name ({@code options}: what modprobe hands the kernel,
 *     tabs turned into blanks); for {@code alias} the target module
 * @param options the {@code options} words as the kernel splits them (empty for other commands)
 * @param where the module name's position
 */
public record ModprobeCommand(
    String command, String module, String rest, List<ModuleOption> options, Location where) {
  /** Copies the list. */
  public ModprobeCommand {
    options = List.copyOf(options);
  }
}
