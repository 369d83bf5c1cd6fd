package dev.rdmaforge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code rdmaforge} command: a thin picocli front end over rdmaforge-core. */
@Command(
    name = "rdmaforge",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Resolve, predict and compose RDMA driver stacks for HPC node images.",
    subcommands = {DepmodCommand.class, ExplainCommand.class, CheckCommand.class, dev.rdmaforge.cli.fabric.FabricCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @Option(names = "--stacktrace", description = "Print the Java stack trace of an internal error.")
  boolean stacktrace;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with rdmaforge's exit-code and error handling installed. */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    ErrorHandling.install(cmd);
    return cmd;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Reads the version Maven filtered into version.properties. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"rdmaforge " + p.getProperty("version", "unknown")};
    }
  }
}
