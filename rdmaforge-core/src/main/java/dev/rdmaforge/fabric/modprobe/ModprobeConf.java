package dev.rdmaforge.fabric.modprobe;

import dev.rdmaforge.report.Finding;
import java.util.List;

/**
 * A modprobe.d file as libkmod reads it.
 *
 * @param file the file as named by the user
 * @param commands the commands libkmod keeps, in file order
 * @param findings the lines libkmod ignores
 */
public record ModprobeConf(String file, List<ModprobeCommand> commands, List<Finding> findings) {
  /** Copies the lists. */
  public ModprobeConf {
    commands = List.copyOf(commands);
    findings = List.copyOf(findings);
  }

  /** The {@code options} commands, in file order. */
  public List<ModprobeCommand> options() {
    return commands.stream().filter(c -> c.command().equals("options")).toList();
  }
}
