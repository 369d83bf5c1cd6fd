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
    description = "Resolve, predict and compose RDMA driver stacks for HPC node images.")
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
    return commandLine(null);
  }

  /**
   * The command line for {@code args}: when they start with a subcommand's name, only that
   * subcommand is modelled (picocli reads every option of every command by reflection, a tenth
   * of a second for all of them); otherwise all, for usage, help and errors.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cmd = new CommandLine(new Main());
    String first = args != null && args.length > 0 ? args[0] : "";
    switch (first) {
      case "depmod" -> cmd.addSubcommand(new DepmodCommand());
      case "explain" -> cmd.addSubcommand(new ExplainCommand());
      case "check" -> cmd.addSubcommand(new CheckCommand());
      case "kabi" -> cmd.addSubcommand(new KabiCommand());
      case "fabric" -> cmd.addSubcommand(new dev.rdmaforge.cli.fabric.FabricCommand());
      case "cache" -> cmd.addSubcommand(new CacheCommand());
      case "plan" -> cmd.addSubcommand(new PlanCommand());
      case "build" -> cmd.addSubcommand(new BuildCommand());
      case "image" -> cmd.addSubcommand(new ImageCommand());
      default -> {
        cmd.addSubcommand(new DepmodCommand());
        cmd.addSubcommand(new ExplainCommand());
        cmd.addSubcommand(new CheckCommand());
        cmd.addSubcommand(new KabiCommand());
        cmd.addSubcommand(new dev.rdmaforge.cli.fabric.FabricCommand());
        cmd.addSubcommand(new CacheCommand());
        cmd.addSubcommand(new PlanCommand());
        cmd.addSubcommand(new BuildCommand());
        cmd.addSubcommand(new ImageCommand());
        cmd.addSubcommand(new CommandLine.HelpCommand());
      }
    }
    ErrorHandling.install(cmd);
    return cmd;
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
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
