package dev.rdmaforge.depmod.tree;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.config.Errno;
import dev.rdmaforge.depmod.config.ExternalDir;
import dev.rdmaforge.kmod.ModuleReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a kernel's module directory and the external directories in directory-listing (readdir)
 * order, as kmod's depmod does, and keeps one file per module name by {@link ModulePriority}.
 * Because ties keep the first file found, readdir order matters: Java's directory stream returns
 * entries in the order the filesystem's readdir gives them, so both tools see the same order on
 * the same tree.
 */
public final class ModuleScanner {
  /** kmod's first directory descriptor: 0-2 are the standard streams. */
  private static final int FIRST_FD = 3;

  private final DepmodConfig config;
  private final TreeView view;
  private final DepmodLog log;
  private final String dirname;
  private final ModulePriority priority;
  private final Map<String, ModuleCandidate> winners = new HashMap<>();
  private final Map<String, List<Contest>> contests = new HashMap<>();
  private int order;

  private ModuleScanner(DepmodConfig config, String dirname, TreeView view, DepmodLog log) {
    this.config = config;
    this.view = view;
    this.log = log;
    this.dirname = dirname;
    this.priority = new ModulePriority(config, dirname);
  }

  /**
   * Scans {@code dirname} (the module directory as depmod names it) and every external directory.
   *
   * @throws IOException when the module directory itself cannot be opened (kmod: "could not
   *     search modules", fatal)
   */
  public static ScanResult scan(
      DepmodConfig config, String dirname, TreeView view, DepmodLog log) throws IOException {
    ModuleScanner scanner = new ModuleScanner(config, dirname, view, log);
    scanner.searchPath(dirname, true);
    for (ExternalDir ext : config.externals()) {
      scanner.searchPath(ext.dir(), false);
    }
    return new ScanResult(scanner.winners, scanner.contests);
  }

  /** Adds module files named on the command line (depmod without -a), in the order given. */
  public static ScanResult ofFiles(
      List<String> paths, DepmodConfig config, String dirname, TreeView view, DepmodLog log) {
    ModuleScanner scanner = new ModuleScanner(config, dirname, view, log);
    for (String p : paths) {
      scanner.consider(p);
    }
    return new ScanResult(scanner.winners, scanner.contests);
  }

  private void searchPath(String path, boolean required) throws IOException {
    Path physical;
    try {
      physical = view.physical(path);
      if (!Files.isDirectory(physical)) {
        throw new java.nio.file.NoSuchFileException(path);
      }
    } catch (IOException e) {
      log.log(Level.ERROR, "could not open directory " + path + ": " + Errno.message(e) + "\n");
      if (required) {
        throw e;
      }
      return;
    }
    searchDir(path, physical, 0);
  }

  private void searchDir(String logicalDir, Path physicalDir, int depth) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(physicalDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (excluded(name)) {
          continue;
        }
        String child = logicalDir + "/" + name;
        BasicFileAttributes attrs = TreeView.lstat(entry);
        Path physicalChild = entry;
        if (attrs != null && attrs.isSymbolicLink()) {
          try {
            physicalChild = view.physical(child);
            attrs = Files.readAttributes(physicalChild, BasicFileAttributes.class);
          } catch (IOException e) {
            log.log(
                Level.ERROR,
                "fstatat(" + (FIRST_FD + depth) + ", " + name + "): " + Errno.message(e) + "\n");
            continue;
          }
        }
        if (attrs == null) {
          continue; // vanished while listing
        }
        if (attrs.isDirectory()) {
          searchDir(child, physicalChild, depth + 1);
        } else if (attrs.isRegularFile()) {
          if (ModuleReader.isModuleFileName(name)) {
            consider(child);
          }
        } else {
          log.log(
              Level.ERROR,
              "unsupported file type " + child + ": " + Integer.toOctalString(fileType(entry))
                  + "\n");
        }
      }
    } catch (IOException e) {
      log.log(
          Level.ERROR,
          "openat(" + (FIRST_FD + depth - 1) + ", " + logicalDir.substring(
              logicalDir.lastIndexOf('/') + 1) + ", O_RDONLY): " + Errno.message(e) + "\n");
    }
  }

  private static int fileType(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode");
      return ((Integer) mode) & 0170000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** kmod's should_exclude_dir: applies to every entry name, files included. */
  private boolean excluded(String name) {
    if (name.equals(".") || name.equals("..") || name.equals("build") || name.equals("source")) {
      return true;
    }
    return config.excludes().contains(name);
  }

  private void consider(String path) {
    int lastSlash = path.lastIndexOf('/');
    String name = ModuleReader.moduleNameOf(path.substring(lastSlash + 1));
    String relPath =
        path.startsWith(dirname) && path.length() > dirname.length()
                && path.charAt(dirname.length()) == '/'
            ? path.substring(dirname.length() + 1)
            : null;
    ModuleCandidate candidate = new ModuleCandidate(path, relPath, name, lastSlash, order++);
    ModuleCandidate held = winners.get(name);
    List<Contest> history = contests.computeIfAbsent(name, k -> new ArrayList<>(1));
    if (held == null) {
      winners.put(name, candidate);
      history.add(new Contest(candidate, null, null));
      return;
    }
    PriorityDecision decision = priority.compare(held, candidate);
    history.add(new Contest(candidate, held, decision));
    if (decision.newWins()) {
      winners.put(name, candidate);
    }
  }
}
