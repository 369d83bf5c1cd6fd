package dev.rdmaforge.it.fabric;

import dev.rdmaforge.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code rdmaforge} in-process and keeps exit code and output. */
record FabricCli(int exit, String out, String err) {
  static FabricCli run(String... args) {
    CommandLine cmd = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new FabricCli(code, out.toString(), err.toString());
  }
}
