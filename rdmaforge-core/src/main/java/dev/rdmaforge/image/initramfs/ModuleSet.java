package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.kmod.ModinfoEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Modules a generator puts in, each with why: the ones it picks itself, then what {@code modprobe
 * --show-depends} adds for them: their modules.dep dependencies (from the root's resolution) and
 * the modules their own {@code softdep=} modinfo names directly (initramfs-tools runs modprobe
 * once without {@code --ignore-install} to get those). Softdeps naming an alias ({@code crc32c})
 * and modprobe.d softdep lines are not followed.
 */
final class ModuleSet {
  private final Map<String, String> why = new LinkedHashMap<>();
  private final Resolution resolution;

  ModuleSet(Resolution resolution) {
    this.resolution = resolution;
  }

  /** Adds {@code name} and its dependencies, unless already in. */
  void add(String name, String reason) {
    String n = name.replace('-', '_');
    if (why.containsKey(n)) {
      return;
    }
    why.put(n, reason);
    Optional<DepmodModule> winner = resolution.module(n);
    if (winner.isEmpty()) {
      return;
    }
    List<DepmodModule> closure = new ArrayList<>(resolution.allDependencies(winner.get()));
    for (DepmodModule d : closure) {
      why.putIfAbsent(d.name(), "a dependency of " + n + " (" + reason + ")");
    }
    closure.add(winner.get());
    for (DepmodModule d : closure) {
      for (ModinfoEntry e : d.modinfo()) {
        if (!e.key().equals("softdep")) {
          continue;
        }
        for (String word : e.value().trim().split("\\s+")) {
          if (!word.endsWith(":") && !word.isEmpty() && resolution.module(word).isPresent()) {
            add(word, "a softdep of " + d.name() + " (" + reason + ")");
          }
        }
      }
    }
  }

  Optional<String> reason(String name) {
    return Optional.ofNullable(why.get(name.replace('-', '_')));
  }
}
