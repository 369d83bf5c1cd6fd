package dev.rdmaforge.modprobe;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Errno;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files modprobe parses, in kmod 30's order: the kernel tree's {@code modules.softdep} first
 * entered under that name, then every file of every configuration path, all merged and sorted by
 * basename (strcmp); a basename already entered hides later ones. In a directory only names ending
 * in {@code .conf} or {@code .alias} count (silently; dot files never); a path given as a file is
 * taken whatever its name.
 */
final class ConfigFileList {
  private ConfigFileList() {}

  /** One file: its basename (the sort key) and the path kmod opens and names in messages. */
  record ConfigFile(String name, String path) {}

  static List<ConfigFile> list(
      List<String> configPaths,
      String moduleDirectory,
      TreeView view,
      List<ModprobeMessage> messages) {
    List<ConfigFile> files = new ArrayList<>();
    insertSorted(files, "modules.softdep", moduleDirectory + "/modules.softdep");
    for (String configPath : configPaths) {
      BasicFileAttributes attrs = view.stat(configPath);
      if (attrs == null) {
        continue; // kmod: DBG "could not stat"
      }
      if (!attrs.isDirectory()) {
        int slash = configPath.lastIndexOf('/');
        insertSorted(files, configPath.substring(slash + 1), configPath);
        continue;
      }
      listDirectory(configPath, view, messages, files);
    }
    return files;
  }

  private static void listDirectory(
      String dir, TreeView view, List<ModprobeMessage> messages, List<ConfigFile> files) {
    try {
      Path physical = view.physical(dir);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(physical)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (name.startsWith(".") || !(name.endsWith(".conf") || name.endsWith(".alias"))) {
            continue;
          }
          if (name.length() < 6) {
            continue;
          }
          BasicFileAttributes attrs = view.stat(dir + "/" + name);
          if (attrs != null && attrs.isDirectory()) {
            messages.add(
                ModprobeMessage.whileLoading(
                    Level.ERROR,
                    "libkmod-config.c:772",
                    "conf_files_filter_out",
                    "Directories inside directories are not supported: " + dir + "/" + name));
            continue;
          }
          insertSorted(files, name, dir + "/" + name);
        }
      }
    } catch (IOException e) {
      messages.add(
          ModprobeMessage.whileLoading(
              Level.ERROR,
              "libkmod-config.c:868",
              "conf_files_list",
              "opendir(" + dir + "): " + Errno.message(e)));
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
}
