package dev.rdmaforge.cli;

import dev.rdmaforge.report.UserInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Exit codes and error text for every command: 2 for bad usage or unreadable input, 1 for
 * failures, and never a stack trace unless {@code --stacktrace} was given.
 */
final class ErrorHandling {
  private ErrorHandling() {}

  static void install(CommandLine cmd) {
    cmd.setParameterExceptionHandler(ErrorHandling::onParameterError);
    cmd.setExecutionExceptionHandler(ErrorHandling::onExecutionError);
  }

  private static int onParameterError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("rdmaforge: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information on usage.");
    // depmod is a drop-in for kmod's, which exits 1 on a bad option.
    return cmd.getCommand() instanceof DepmodCommand ? 1 : CommandLine.ExitCode.USAGE;
  }

  private static int onExecutionError(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean trace = wantsStacktrace(parseResult);
    if (ex instanceof UserInputException) {
      err.println("rdmaforge: " + ex.getMessage());
      if (trace) {
        ex.printStackTrace(err);
      }
      return CommandLine.ExitCode.USAGE;
    }
    err.println("rdmaforge: internal error: " + ex.getClass().getName() + ": " + ex.getMessage());
    if (trace) {
      ex.printStackTrace(err);
    } else {
      err.println("Run again with --stacktrace to see where it happened.");
    }
    return CommandLine.ExitCode.SOFTWARE;
  }

  private static boolean wantsStacktrace(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult root = parseResult;
    while (root != null) {
      if (root.hasMatchedOption("--stacktrace")) {
        return true;
      }
      root = root.subcommand();
    }
    // The option lives on the top-level command; check from the top.
    return false;
  }
}
