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

  /** A module with its hash bucket, computed once rather than in every comparison. */
  private record Keyed(int bucket, String name, DepmodModule module) {}

  /** Bucket order; within a bucket strcmp, i.e. byte order (names are unique). */
  private static final Comparator<Keyed> HASH_ORDER = (a, b) -> {
    int c = Integer.compare(a.bucket(), b.bucket());
    return c != 0 ? c : a.name().compareTo(b.name());
  };

  private static final Comparator<DepmodModule> BY_SORT_INDEX =
      Comparator.comparingInt(DepmodModule::sortIndex);

  static List<DepmodModule> arrange(
      Collection<DepmodModule> modules, String dirname, TreeView view, DepmodLog log) {
    Keyed[] keyed = new Keyed[modules.size()];
    int k = 0;
    for (DepmodModule m : modules) {
      keyed[k++] = new Keyed(KmodHash.bucket(m.name(), KmodHash.MODULE_BUCKETS), m.name(), m);
    }
    Arrays.sort(keyed, HASH_ORDER);
    List<DepmodModule> array = new ArrayList<>(keyed.length);
    for (int i = 0; i < keyed.length; i++) {
      keyed[i].module().setIndex(i);
      array.add(keyed[i].module());
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
