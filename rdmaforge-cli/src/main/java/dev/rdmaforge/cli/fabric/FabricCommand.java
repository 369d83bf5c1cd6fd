package dev.rdmaforge.cli.fabric;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rdmaforge fabric}: render and validate InfiniBand / OpenStack fabric configuration. */
@Command(
    name = "fabric",
    mixinStandardHelpOptions = true,
    description = "Render every fabric file from one description, or validate existing files.",
    subcommands = {FabricRenderCommand.class, FabricValidateCommand.class})
public final class FabricCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
