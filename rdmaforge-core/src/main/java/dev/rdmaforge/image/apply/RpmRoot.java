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
 * rpm against an image root: {@code rpm --root ROOT --dbpath /var/lib/rpm} (the database inside
 * the root: Debian's rpm would otherwise use {@code ~/.rpmdb}), scriptlets run chrooted into ROOT.
 */
final class RpmRoot implements RootPackageManager {
  private final Path root;

  RpmRoot(Path root) {
    this.root = root;
  }

  @Override
  public PackageFormat format() {
    return PackageFormat.RPM;
  }

  private List<String> rpm(String... args) {
    List<String> cmd = new ArrayList<>(List.of("rpm", "--root", root.toString(), "--dbpath",
        "/var/lib/rpm"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Override
  public void install(List<Path> files) {
    List<String> cmd = rpm("-U", "--replacepkgs");
    files.forEach(f -> cmd.add(f.toString()));
    RootCommands.Run r = RootCommands.run(cmd, Map.of());
    if (!r.ok()) {
      throw new ApplyFailure("the image's rpm refused the stack: " + r.describe());
    }
  }

  @Override
  public void purge(Collection<String> names) {
    remove(names);
  }

  @Override
  public void remove(Collection<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<String> cmd = rpm("-e");
    cmd.addAll(names);
    RootCommands.Run r = RootCommands.run(cmd, Map.of());
    if (!r.ok()) {
      throw new ApplyFailure("the image's rpm could not remove " + names + ": " + r.describe());
    }
  }

  @Override
  public Map<String, String> installed(Collection<String> names) {
    Map<String, String> out = new TreeMap<>();
    for (String n : names) {
      RootCommands.Run r = RootCommands.run(rpm("-q", "--qf",
          "%{NAME} %|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}\\n", n), Map.of());
      if (r.ok()) {
        String[] f = r.output().lines().findFirst().orElse("").split(" ");
        if (f.length == 2) {
          out.put(f[0], f[1]);
        }
      }
    }
    return out;
  }

  @Override
  public Optional<String> owner(String path) {
    RootCommands.Run r = RootCommands.run(rpm("-qf", "--qf", "%{NAME}\\n", path), Map.of());
    return r.ok() ? r.output().lines().findFirst().map(String::strip) : Optional.empty();
  }
}
