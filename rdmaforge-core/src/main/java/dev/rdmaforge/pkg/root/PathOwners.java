package dev.rdmaforge.pkg.root;

import dev.rdmaforge.pkg.PackagedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which packages ship each path, in installation order (the last one's file is in the root). */
final class PathOwners {
  /** One package's entry for a path. */
  record Owner(InstalledPackage pkg, PackagedFile file) {}

  private final Map<String, List<Owner>> owners = new HashMap<>();

  PathOwners(List<InstalledPackage> packages) {
    for (InstalledPackage p : packages) {
      for (PackagedFile f : p.pkg().files()) {
        owners.computeIfAbsent(f.path(), k -> new ArrayList<>(1)).add(new Owner(p, f));
      }
    }
  }

  /** Every package shipping {@code path}, in installation order. */
  List<Owner> of(String path) {
    return owners.getOrDefault(path, List.of());
  }

  /** The package whose entry for {@code path} is the one installed (the last). */
  Optional<Owner> installed(String path) {
    List<Owner> list = of(path);
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  /** Every path shipped by more than one package. */
  List<String> shared() {
    List<String> shared = new ArrayList<>();
    owners.forEach((path, list) -> {
      if (list.size() > 1) {
        shared.add(path);
      }
    });
    shared.sort(null);
    return shared;
  }
}
