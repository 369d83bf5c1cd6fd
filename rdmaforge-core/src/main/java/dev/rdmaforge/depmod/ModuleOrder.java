package dev.rdmaforge.depmod;

import dev.rdmaforge.depmod.DepmodLog.Level;
import dev.rdmaforge.depmod.config.Errno;
import dev.rdmaforge.depmod.tree.TreeView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
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

  private static final Comparator<DepmodModule> BY_NAME =
      (a, b) -> a.name().compareTo(b.name());

  private static final Comparator<DepmodModule> BY_SORT_INDEX =
      Comparator.comparingInt(DepmodModule::sortIndex);

  static List<DepmodModule> arrange(
      Collection<DepmodModule> modules, String dirname, TreeView view, DepmodLog log) {
    // Bucket order by counting (512 buckets), then strcmp, i.e. byte order, within each bucket
    // (names are unique): the order of kmod's module hash walk.
    int n = modules.size();
    DepmodModule[] byInput = modules.toArray(new DepmodModule[0]);
    int[] bucket = new int[n];
    int[] starts = new int[KmodHash.MODULE_BUCKETS + 1];
    for (int i = 0; i < n; i++) {
      bucket[i] = KmodHash.bucket(byInput[i].name(), KmodHash.MODULE_BUCKETS);
      starts[bucket[i] + 1]++;
    }
    for (int b = 0; b < KmodHash.MODULE_BUCKETS; b++) {
      starts[b + 1] += starts[b];
    }
    DepmodModule[] sorted = new DepmodModule[n];
    int[] fill = starts.clone();
    for (int i = 0; i < n; i++) {
      sorted[fill[bucket[i]]++] = byInput[i];
    }
    for (int b = 0; b < KmodHash.MODULE_BUCKETS; b++) {
      if (starts[b + 1] - starts[b] > 1) {
        Arrays.sort(sorted, starts[b], starts[b + 1], BY_NAME);
      }
    }
    List<DepmodModule> array = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sorted[i].setIndex(i);
      array.add(sorted[i]);
    }

    byte[] content = read(dirname, view, log);
    if (content == null) {
      return array;
    }
    List<String> lines = new ArrayList<>();
    String text = new String(content, StandardCharsets.ISO_8859_1); // one char per byte
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lines.add(text.substring(start, nl));
      start = nl + 1;
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
    array.sort(BY_SORT_INDEX); // List.sort is stable
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
