package dev.rdmaforge.fabric.kernel;

import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.config.DepmodConfig;
import dev.rdmaforge.depmod.config.DepmodConfigParser;
import dev.rdmaforge.depmod.tree.ModuleCandidate;
import dev.rdmaforge.depmod.tree.ModuleScanner;
import dev.rdmaforge.depmod.tree.TreeView;
import dev.rdmaforge.kmod.ModuleFile;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target kernel's own module tree ({@code /lib/modules/<release>}, inside an image or an
 * unpacked kernel package). Which file a name means is decided as modprobe decides it: from
 * {@code modules.dep} when depmod has run, otherwise by kmod's default search order (a copy in
 * {@code updates/} beats the built-in tree), exactly as depmod would write it. Parameters are
 * read from that file's {@code .modinfo}; a module's file is read at most once.
 */
public final class ModuleTreeFacts implements KernelFacts {
  private final Path dir;
  private final String release;
  private final Map<String, Path> files;
  private final Set<String> builtin;
  private final Optional<Boolean> iommuDefaultOn;
  private final Map<String, Optional<ModuleParameters>> parameters = new ConcurrentHashMap<>();
  private volatile Map<String, String> aliases;

  private ModuleTreeFacts(Path dir, Map<String, Path> files, Set<String> builtin,
      Optional<Boolean> iommuDefaultOn) {
    this.dir = dir;
    this.release = dir.getFileName().toString();
    this.files = files;
    this.builtin = builtin;
    this.iommuDefaultOn = iommuDefaultOn;
  }

  /**
   * Opens a module tree.
   *
   * @param dir the {@code lib/modules/<release>} directory
   * @throws UserInputException when it is not a readable directory
   */
  public static ModuleTreeFacts open(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(d)) {
      throw new UserInputException(dir + ": not a module directory; give the target kernel's"
          + " lib/modules/<release> (an image root's, or an unpacked linux-image package's)");
    }
    try {
      Map<String, Path> files = Files.isRegularFile(d.resolve("modules.dep"))
          ? fromModulesDep(d) : scan(d);
      return new ModuleTreeFacts(d, files, builtin(d), iommuDefault(d));
    } catch (IOException ex) {
      throw new UserInputException(dir + ": cannot read the module tree: " + ex.getMessage(), ex);
    }
  }

  @Override
  public String label() {
    return release + " (" + dir + ")";
  }

  @Override
  public boolean authoritative() {
    return true;
  }

  /** The module directory. */
  public Path dir() {
    return dir;
  }

  /** The file modprobe would load for a module name, if it is a loadable module. */
  public Optional<Path> file(String module) {
    return Optional.ofNullable(files.get(KernelFacts.normalise(module)));
  }

  @Override
  public Presence presence(String module) {
    String n = KernelFacts.normalise(module);
    if (files.containsKey(n)) {
      return Presence.MODULE;
    }
    if (builtin.contains(n)) {
      return Presence.BUILTIN;
    }
    return aliases().containsKey(module) ? Presence.MODULE : Presence.ABSENT;
  }

  @Override
  public Optional<ModuleParameters> parameters(String module) {
    String n = KernelFacts.normalise(module);
    return parameters.computeIfAbsent(n, name -> Optional.ofNullable(files.get(name))
        .map(ModuleTreeFacts::read).map(ModuleParameters::of));
  }

  @Override
  public Optional<Boolean> intelIommuDefaultOn() {
    return iommuDefaultOn;
  }

  private static ModuleFile read(Path file) {
    try {
      return new ModuleReader().read(file);
    } catch (IOException ex) {
      throw new UserInputException(file + ": cannot read the module: " + ex.getMessage(), ex);
    }
  }

  /**
   * Plain-word aliases ({@code alias=xprtrdma} in rpcrdma). Without depmod's modules.alias they
   * must come from every module's .modinfo, so they are read only when a name is not a module.
   */
  private Map<String, String> aliases() {
    Map<String, String> a = aliases;
    if (a == null) {
      synchronized (this) {
        a = aliases;
        if (a == null) {
          a = readAliases();
          aliases = a;
        }
      }
    }
    return a;
  }

  private Map<String, String> readAliases() {
    Map<String, String> out = new HashMap<>();
    Path alias = dir.resolve("modules.alias");
    if (Files.isRegularFile(alias)) {
      try {
        for (String line : Files.readAllLines(alias, StandardCharsets.ISO_8859_1)) {
          String[] w = line.trim().split("\\s+");
          if (w.length == 3 && w[0].equals("alias") && w[1].matches("[A-Za-z0-9_-]+")) {
            out.putIfAbsent(w[1], w[2]);
          }
        }
      } catch (IOException ex) {
        throw new UserInputException(alias + ": cannot read: " + ex.getMessage(), ex);
      }
      return out;
    }
    files.entrySet().parallelStream().forEach(e -> {
      for (String word : read(e.getValue()).modinfo("alias")) {
        if (word.matches("[A-Za-z0-9_-]+")) {
          synchronized (out) {
            out.putIfAbsent(word, e.getKey());
          }
        }
      }
    });
    return out;
  }

  private static Map<String, Path> fromModulesDep(Path dir) throws IOException {
    Map<String, Path> out = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("modules.dep"), StandardCharsets.ISO_8859_1)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String path = line.substring(0, colon);
        Path file = path.startsWith("/") ? Path.of(path) : dir.resolve(path);
        out.putIfAbsent(ModuleReader.moduleNameOf(path), file);
      }
    }
    return out;
  }

  /** No modules.dep (an unpacked package): kmod's default order, as depmod would decide. */
  private static Map<String, Path> scan(Path dir) throws IOException {
    String release = dir.getFileName().toString();
    DepmodConfig none = DepmodConfigParser.parse("(no depmod.d)", new byte[0], release,
        DepmodLog.discard());
    Map<String, Path> out = new HashMap<>();
    for (Map.Entry<String, ModuleCandidate> e : ModuleScanner.scan(none, dir.toString(),
        TreeView.host(), DepmodLog.discard()).winners().entrySet()) {
      out.put(e.getKey(), Path.of(e.getValue().path()));
    }
    return out;
  }

  private static Set<String> builtin(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    Path f = dir.resolve("modules.builtin");
    if (Files.isRegularFile(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
        if (!line.isBlank()) {
          out.add(ModuleReader.moduleNameOf(line.trim()));
        }
      }
    }
    return out;
  }

  /**
   * Reads the kernel configuration next to the tree: {@code ROOT/boot/config-<release>} for a
   * tree at {@code ROOT/lib/modules/<release>} or {@code ROOT/usr/lib/modules/<release>}.
   */
  private static Optional<Boolean> iommuDefault(Path dir) throws IOException {
    String release = dir.getFileName().toString();
    Path p = dir;
    for (int up = 0; up < 4 && p.getParent() != null; up++) {
      p = p.getParent();
      Path config = p.resolve("boot").resolve("config-" + release);
      if (Files.isRegularFile(config)) {
        List<String> lines = Files.readAllLines(config, StandardCharsets.ISO_8859_1);
        return Optional.of(lines.contains("CONFIG_INTEL_IOMMU_DEFAULT_ON=y")
            || lines.contains("CONFIG_INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF=y"));
      }
    }
    return Optional.empty();
  }
}
