package dev.rdmaforge.cli;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodFailure;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodOutputs;
import dev.rdmaforge.depmod.DepmodOutputs.OutputFile;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.DepmodWriter;
import dev.rdmaforge.depmod.QuickCheck;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdmaforge depmod}: a drop-in for kmod 30's depmod. Its flags mean what kmod's mean, it
 * prints kmod's messages ({@code depmod: WARNING: ...}) and exits as kmod does; {@code --root}
 * (ours) runs it on an image root as the image's own booted system would.
 */
@Command(
    name = "depmod",
    description = {
      "Write modules.dep, modules.alias, modules.symbols and their binary indexes exactly as"
          + " kmod 30's depmod does.",
      "  -b BASEDIR      kmod-compatible: configuration from -C or the host's depmod.d directories.",
      "  --root DIR      the image as its own booted system sees it: DIR's own depmod.d,"
          + " absolute paths and symlinks resolved inside DIR (what `chroot DIR depmod -a` writes)."
    },
    sortOptions = false)
public final class DepmodCommand implements Callable<Integer> {
  private static final int KMOD_FAILURE = 1;

  @Option(names = {"-a", "--all"}, description = "Probe all modules (the default).")
  boolean all;

  @Option(names = {"-A", "--quick"}, description = "Only do the work if a module is newer than modules.dep.")
  boolean quick;

  @Option(names = {"-b", "--basedir"}, paramLabel = "BASEDIR", description = "Use an image of a module tree (kmod's view).")
  String baseDir;

  @Option(names = "--root", paramLabel = "DIR", description = "An image root seen as its own booted system (chroot view).")
  Path root;

  @Option(names = {"-C", "--config"}, paramLabel = "PATH", description = "Read configuration from PATH (file or directory), repeatable.")
  List<String> configPaths;

  @Option(names = {"-E", "--symvers"}, paramLabel = "FILE", description = "Use Module.symvers to check symbol versions.")
  String symvers;

  @Option(names = {"-F", "--filesyms"}, paramLabel = "FILE", description = "Use System.map for the kernel's symbols.")
  String systemMap;

  @Option(names = {"-e", "--errsyms"}, description = "Report unknown symbols and version disagreements.")
  boolean errsyms;

  @Option(names = {"-n", "--show", "--dry-run"}, description = "Write the text files to standard output only.")
  boolean dryRun;

  @Option(names = {"-P", "--symbol-prefix"}, paramLabel = "CHAR", description = "Architecture symbol prefix.")
  String symbolPrefix;

  @Option(names = {"-w", "--warn"}, description = "Warn on duplicates.")
  boolean warn;

  @Option(names = {"-v", "--verbose"}, description = "Print informational messages too.")
  boolean[] verbose = new boolean[0];

  @Option(names = {"-u", "--unresolved-error"}, hidden = true)
  boolean[] deprecatedU = new boolean[0];

  @Option(names = {"-q", "--quiet"}, hidden = true)
  boolean[] deprecatedQ = new boolean[0];

  @Option(names = {"-r"}, hidden = true)
  boolean[] deprecatedR = new boolean[0];

  @Option(names = {"-m", "--map"}, hidden = true)
  boolean[] deprecatedM = new boolean[0];

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Parameters(paramLabel = "KVER [MODULE...]", description = "Kernel release, then optional absolute module paths.")
  List<String> positional = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    KmodStyleLog log = new KmodStyleLog(err, DepmodLog.Level.WARNING.priority() + verbose.length);
    try {
      return run(log);
    } catch (DepmodFailure f) {
      if (f.getMessage() != null) {
        log.fatal(f.getMessage());
      }
      return KMOD_FAILURE;
    } finally {
      err.flush();
    }
  }

  private int run(KmodStyleLog log) throws DepmodFailure, IOException {
    warnDeprecated(log, deprecatedU, 'u');
    warnDeprecated(log, deprecatedQ, 'q');
    warnDeprecated(log, deprecatedR, 'r');
    warnDeprecated(log, deprecatedM, 'm');
    if (symbolPrefix != null && symbolPrefix.length() != 1) {
      log.fatal("-P only takes a single char");
      return KMOD_FAILURE;
    }
    if (root != null && baseDir != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--root and -b are two views of a tree: give one of them");
    }
    String kver;
    List<String> modulePaths = List.of();
    if (!positional.isEmpty()) {
      kver = positional.get(0);
      if (!KernelRelease.isVersionNumber(kver)) {
        log.log(DepmodLog.Level.ERROR, "Bad version passed " + kver + "\n");
        return KMOD_FAILURE;
      }
      modulePaths = positional.subList(1, positional.size());
    } else if (root != null) {
      kver = KernelRelease.onlyKernelIn(root);
    } else {
      kver = KernelRelease.running();
    }

    DepmodRequest request = request(kver, modulePaths);
    if (quick && modulePaths.isEmpty()) {
      if (dryRun) {
        return 0;
      }
      if (QuickCheck.upToDate(request, log)) {
        return 0;
      }
    }
    Resolution resolution = Depmod.create().resolve(request, log);
    List<OutputFile> files = DepmodOutputs.render(resolution, log);
    if (dryRun) {
      DepmodWriter.print(files, System.out);
      return 0;
    }
    Path moduleDir = request.view().physical(request.dirname());
    return DepmodWriter.write(files, moduleDir, request.dirname(), log) ? 0 : KMOD_FAILURE;
  }

  private DepmodRequest request(String kver, List<String> modulePaths) {
    char prefix = symbolPrefix == null ? '\0' : symbolPrefix.charAt(0);
    TreeView view;
    String base;
    TreeView configView;
    if (root != null) {
      view = TreeView.chroot(root);
      base = "";
      configView = configPaths != null ? TreeView.host() : view;
    } else {
      view = TreeView.host();
      base = baseDir == null ? "" : absolute(baseDir);
      configView = view;
    }
    return new DepmodRequest(
        kver, base, view, configView, configPaths, symvers, systemMap, errsyms, warn, prefix,
        modulePaths, dryRun);
  }

  /** kmod's path_make_absolute_cwd: the current directory prepended, nothing normalised. */
  private static String absolute(String path) {
    if (path.startsWith("/")) {
      return path;
    }
    return System.getProperty("user.dir") + "/" + path;
  }

  private static void warnDeprecated(KmodStyleLog log, boolean[] flags, char c) {
    for (int i = 0; i < flags.length; i++) {
      log.log(DepmodLog.Level.WARNING, "Ignored deprecated option -" + c + "\n");
    }
  }
}
