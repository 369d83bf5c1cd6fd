package dev.rdmaforge.depmod.config;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the configuration files kmod's depmod reads, in the order it parses them: every file of
 * every configuration path merged and sorted by basename (strcmp); a basename seen in an earlier
 * path hides the same name in a later one. A path that is a file is taken as it is.
 */
public final class ConfigFiles {
  /** kmod 30's default configuration directories, in order (Debian builds it with no DISTCONFDIR). */
  public static final List<String> DEFAULT_PATHS =
      List.of("/etc/depmod.d", "/run/depmod.d", "/usr/local/lib/depmod.d", "/lib/depmod.d");

  private ConfigFiles() {}

  /** One file to parse: its basename (the sort key) and its path as kmod names it. */
  public record ConfigFile(String name, String path) {}

  /** The files to parse, in kmod's order, logging what kmod logs on the way. */
  public static List<ConfigFile> list(List<String> configPaths, TreeView view, DepmodLog log) {
    List<ConfigFile> files = new ArrayList<>();
    for (String configPath : configPaths) {
      BasicFileAttributes attrs = view.stat(configPath);
      if (attrs == null) {
        continue; // kmod: DBG "could not stat"
      }
      if (!attrs.isDirectory()) {
        String name = basename(configPath);
        String dir = configPath.substring(0, Math.max(0, configPath.length() - name.length() - 1));
        insertSorted(files, name, dir + "/" + name);
        continue;
      }
      listDirectory(configPath, view, log, files);
    }
    return files;
  }

  private static void listDirectory(
      String dir, TreeView view, DepmodLog log, List<ConfigFile> files) {
    Path physical;
    try {
      physical = view.physical(dir);
    } catch (IOException e) {
      log.log(Level.ERROR, "files list " + dir + ": " + Errno.message(e) + "\n");
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(physical)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (name.length() < 6 || !name.endsWith(".conf")) {
          log.log(Level.INFO, "All cfg files need .conf: " + dir + "/" + name + "\n");
          continue;
        }
        BasicFileAttributes attrs = view.stat(dir + "/" + name);
        if (attrs != null && attrs.isDirectory()) {
          log.log(
              Level.ERROR,
              "Directories inside directories are not supported: " + dir + "/" + name + "\n");
          continue;
        }
        insertSorted(files, name, dir + "/" + name);
      }
    } catch (IOException e) {
      log.log(Level.ERROR, "files list " + dir + ": " + Errno.message(e) + "\n");
    }
  }

  private static void insertSorted(List<ConfigFile> files, String name, String path) {
    int i = 0;
    for (; i < files.size(); i++) {
      int cmp = name.compareTo(files.get(i).name());
      if (cmp == 0) {
        return; // kmod: DBG "Ignoring duplicate config file"
      }
      if (cmp < 0) {
        break;
      }
    }
    files.add(i, new ConfigFile(name, path));
  }

  private static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
