package dev.rdmaforge.build.precheck;

import dev.rdmaforge.pkg.PackagedFile;
import dev.rdmaforge.pkg.repo.Repository;
import dev.rdmaforge.pkg.repo.RepositoryFile;
import dev.rdmaforge.pkg.repo.RepositoryPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel modules a bundle's kernel packages ship, by module name ({@code -} read as {@code _},
 * as the kernel does): every {@code lib/modules/KVER/.../NAME.ko[.xz|.zst|.gz]} in a package's
 * file list, from the repository metadata when it has file lists (yum filelists), else from the
 * package header. A package that ships a module is one of the bundle's kernel packages.
 */
public final class BundleModules {
  private static final Pattern MODULE =
      Pattern.compile("(?:usr/)?lib/modules/[^/]+/.*/([^/]+)\\.ko(?:\\.xz|\\.zst|\\.gz)?");

  private final Map<String, List<String>> byModule;

  private BundleModules(Map<String, List<String>> byModule) {
    this.byModule = byModule;
  }

  /** Reads the file lists of {@code bundle}'s packages. */
  public static BundleModules of(Repository bundle) {
    Map<String, List<String>> byModule = new TreeMap<>();
    for (RepositoryPackage p : bundle.packages()) {
      for (String path : paths(p)) {
        Matcher m = MODULE.matcher(path);
        if (m.matches()) {
          List<String> owners =
              byModule.computeIfAbsent(normalise(m.group(1)), k -> new ArrayList<>());
          if (!owners.contains(p.label())) {
            owners.add(p.label());
          }
        }
      }
    }
    return new BundleModules(byModule);
  }

  /** A fixed list, for callers that know it already: module name to shipping packages. */
  public static BundleModules of(Map<String, List<String>> byModule) {
    Map<String, List<String>> copy = new TreeMap<>();
    byModule.forEach((k, v) -> copy.put(normalise(k), List.copyOf(v)));
    return new BundleModules(copy);
  }

  /** The module names, sorted. */
  public List<String> modules() {
    return List.copyOf(byModule.keySet());
  }

  /** The packages (labels) that ship {@code module}. */
  public List<String> packages(String module) {
    return byModule.getOrDefault(normalise(module), List.of());
  }

  /** {@code mlx5-core} and {@code mlx5_core} are one module, as the kernel sees names. */
  public static String normalise(String name) {
    return name.replace('-', '_');
  }

  private static List<String> paths(RepositoryPackage p) {
    Optional<List<RepositoryFile>> listed = p.files();
    if (listed.isPresent()) {
      return listed.get().stream().map(f -> strip(f.path())).toList();
    }
    return p.read().files().stream().map(PackagedFile::path).toList();
  }

  private static String strip(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
