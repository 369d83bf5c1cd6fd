package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Errno;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order depmod writes modules in. kmod first lists its module-name hash (bucket order, see
 * {@link KmodHash}), then, when modules.order can be read and every line ends in a newline, sorts
 * the modules named there to the front in that file's order with a stable sort; the others keep
 * the hash order.
 */
final class ModuleOrder {
  private ModuleOrder() {}

  static List<DepmodModule> arrange(
      Collection<DepmodModule> modules, String dirname, TreeView view, DepmodLog log) {
    List<DepmodModule> array = new ArrayList<>(modules);
    Map<String, Integer> buckets = new HashMap<>();
    for (DepmodModule m : array) {
      buckets.put(m.name(), KmodHash.bucket(m.name(), KmodHash.MODULE_BUCKETS));
    }
    array.sort(
        Comparator.<DepmodModule>comparingInt(m -> buckets.get(m.name()))
            .thenComparing(DepmodModule::name)); // within a bucket: strcmp, i.e. byte order
    for (int i = 0; i < array.size(); i++) {
      array.get(i).setIndex(i);
    }

    byte[] content = read(dirname, view, log);
    if (content == null) {
      return array;
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        lines.add(new String(content, start, i - start, StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
    }
    if (start < content.length) {
      log.log(
          Level.ERROR,
          dirname + "/modules.order:" + (lines.size() + 1) + " corrupted line misses '\\n'\n");
      return array;
    }
    Map<String, DepmodModule> byPath = new HashMap<>();
    for (DepmodModule m : array) {
      String unc = m.candidate().uncompressedRelPath(dirname.length());
      if (unc != null) {
        byPath.put(unc, m);
      }
    }
    int total = lines.size() + 1;
    for (int idx = 1; idx <= lines.size(); idx++) {
      String line = lines.get(idx - 1);
      int nul = line.indexOf('\0');
      if (nul >= 0) {
        line = line.substring(0, nul);
      }
      DepmodModule m = byPath.get(line);
      if (m != null) {
        m.setSortIndex(idx - total);
      }
    }
    array.sort(Comparator.comparingInt(DepmodModule::sortIndex)); // List.sort is stable
    for (int i = 0; i < array.size(); i++) {
      array.get(i).setIndex(i);
    }
    return array;
  }

  private static byte[] read(String dirname, TreeView view, DepmodLog log) {
    try {
      if (!Files.isDirectory(view.physical(dirname))) {
        throw new java.nio.file.NoSuchFileException(dirname);
      }
    } catch (IOException e) {
      log.log(Level.WARNING, "could not open directory " + dirname + ": " + Errno.message(e) + "\n");
      return null;
    }
    try {
      return Files.readAllBytes(view.physical(dirname + "/modules.order"));
    } catch (IOException e) {
      log.log(
          Level.WARNING,
          "could not open modules.order at " + dirname + ": " + Errno.message(e) + "\n");
      return null;
    }
  }
}
