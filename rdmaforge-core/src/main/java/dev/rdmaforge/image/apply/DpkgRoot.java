package dev.rdmaforge.image.apply;

import dev.rdmaforge.pkg.PackageFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * dpkg against an image root: {@code dpkg --root=ROOT} (its database {@code ROOT/var/lib/dpkg},
 * maintainer scripts chrooted into ROOT, which needs root privileges) with {@code
 * --log=ROOT/var/log/dpkg.log} (dpkg would log to the host's otherwise), configuration files kept
 * as the image has them ({@code --force-confold}), never a prompt.
 */
final class DpkgRoot implements RootPackageManager {
  private final Path root;

  DpkgRoot(Path root) {
    this.root = root;
  }

  @Override
  public PackageFormat format() {
    return PackageFormat.DEB;
  }

  private List<String> dpkg(String... args) {
    List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root,
        "--log=" + root.resolve("var/log/dpkg.log"), "--force-confold"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static Map<String, String> env() {
    return Map.of("DEBIAN_FRONTEND", "noninteractive");
  }

  @Override
  public void install(List<Path> files) {
    List<String> cmd = dpkg("--install");
    files.forEach(f -> cmd.add(f.toString()));
    RootCommands.Run r = RootCommands.run(cmd, env());
    if (!r.ok()) {
      throw new ApplyFailure("the image's dpkg refused the stack: " + r.describe());
    }
  }

  /**
   * Purges, also a package a killed dpkg left half unpacked ("reinstall required": dpkg refuses to
   * remove it without {@code --force-remove-reinstreq}), which is what undoing an install meets.
   */
  @Override
  public void purge(Collection<String> names) {
    change("--purge", names, "--force-remove-reinstreq");
  }

  @Override
  public void remove(Collection<String> names) {
    change("--remove", names);
  }

  private void change(String action, Collection<String> names, String... force) {
    if (names.isEmpty()) {
      return;
    }
    List<String> cmd = dpkg(force);
    cmd.add(action);
    cmd.addAll(names);
    RootCommands.Run r = RootCommands.run(cmd, env());
    if (!r.ok()) {
      throw new ApplyFailure("the image's dpkg could not " + action.substring(2) + " " + names
          + ": " + r.describe());
    }
  }

  @Override
  public Map<String, String> installed(Collection<String> names) {
    Map<String, String> out = new TreeMap<>();
    if (names.isEmpty()) {
      return out;
    }
    List<String> cmd = new ArrayList<>(List.of("dpkg-query", "--root=" + root, "-W",
        "-f=${Package} ${Version} ${db:Status-Abbrev}\\n"));
    cmd.addAll(names);
    // Exit 1 when some name is unknown: the others are still listed.
    RootCommands.Run r = RootCommands.run(cmd, Map.of());
    for (String line : r.output().split("\n")) {
      String[] f = line.trim().split("\\s+");
      // Status "ii" (installed) or a half-done state ("iU", "iF", "iH"): present either way.
      if (f.length == 3 && names.contains(f[0]) && f[2].length() >= 2 && f[2].charAt(1) != 'n') {
        out.put(f[0], f[1]);
      }
    }
    return out;
  }

  @Override
  public Optional<String> owner(String path) {
    for (String p : List.of(path, path.startsWith("/usr/") ? path.substring(4) : "/usr" + path)) {
      RootCommands.Run r = RootCommands.run(List.of("dpkg-query", "--root=" + root, "-S", p),
          Map.of());
      if (r.ok()) {
        String line = r.output().lines().findFirst().orElse("");
        int colon = line.indexOf(':');
        if (colon > 0 && !line.startsWith("diversion")) {
          return Optional.of(line.substring(0, colon).split(",")[0].strip());
        }
      }
    }
    return Optional.empty();
  }
}
