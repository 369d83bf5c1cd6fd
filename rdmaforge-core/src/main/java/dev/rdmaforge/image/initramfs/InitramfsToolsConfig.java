package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.tree.Contest;
import dev.rdmaforge.report.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * initramfs-tools' configuration in a root, read as {@code mkinitramfs} reads it: {@code
 * MODULES} from {@code etc/initramfs-tools/initramfs.conf}, then {@code
 * usr/share/initramfs-tools/conf.d/*} (unless {@code etc/initramfs-tools/conf.d} has the same
 * name), then {@code etc/initramfs-tools/conf.d/*} (names of letters, digits, {@code ._-} only,
 * no {@code .dpkg-*}), then {@code conf-hooks.d}; the module lists {@code
 * etc/initramfs-tools/modules} and {@code usr/share/initramfs-tools/modules.d/*} (first word of
 * each line not starting with {@code #}), always honoured. Hook scripts are not run, so modules
 * they add are not seen.
 */
public final class InitramfsToolsConfig implements InitramfsGenerator {
  /** Where the fix goes: one module name per line. */
  public static final String MODULES_FILE = "etc/initramfs-tools/modules";

  private static final Pattern CONF_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final String modules;
  private final Location modulesOrigin;
  private final Map<String, Location> listed;

  private InitramfsToolsConfig(String modules, Location modulesOrigin,
      Map<String, Location> listed) {
    this.modules = modules;
    this.modulesOrigin = modulesOrigin;
    this.listed = listed;
  }

  /** Whether {@code root} has initramfs-tools (its generator or its configuration). */
  public static boolean presentIn(Path root) {
    return Files.exists(root.resolve("usr/sbin/mkinitramfs"))
        || Files.exists(root.resolve("etc/initramfs-tools/initramfs.conf"));
  }

  /** Reads the configuration of {@code root}. */
  public static InitramfsToolsConfig read(Path root) {
    Map<String, ShellAssignments.Value> vars = new HashMap<>();
    List<String> files = new ArrayList<>();
    if (Files.isRegularFile(root.resolve("etc/initramfs-tools/initramfs.conf"))) {
      files.add("etc/initramfs-tools/initramfs.conf");
    }
    files.addAll(ConfigFiles.dropIns(root,
        n -> CONF_NAME.matcher(n).matches() && !n.contains(".dpkg-"),
        "etc/initramfs-tools/conf.d", "usr/share/initramfs-tools/conf.d"));
    files.addAll(ConfigFiles.dropIns(root, n -> true, "usr/share/initramfs-tools/conf-hooks.d"));
    for (String f : files) {
      try {
        ShellAssignments.apply(root.resolve(f), f, List.of("MODULES"), vars);
      } catch (IOException e) {
        throw ConfigFiles.unreadable(root, f, e);
      }
    }
    Map<String, Location> listed = new LinkedHashMap<>();
    List<String> lists = new ArrayList<>();
    if (Files.isRegularFile(root.resolve(MODULES_FILE))) {
      lists.add(MODULES_FILE);
    }
    lists.addAll(ConfigFiles.dropIns(root, n -> true, "usr/share/initramfs-tools/modules.d"));
    for (String f : lists) {
      List<String> lines = ConfigFiles.lines(root, f);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty() || line.startsWith("#")) {
          continue; // grep '^[^#]'
        }
        String[] words = line.trim().split("\\s+");
        if (!words[0].isEmpty()) {
          listed.putIfAbsent(words[0].replace('-', '_'), Location.at(f, i + 1));
        }
      }
    }
    ShellAssignments.Value m = vars.get("MODULES");
    return new InitramfsToolsConfig(m == null ? "most" : m.text(),
        m == null ? null : m.origin(), listed);
  }

  @Override
  public String name() {
    return "initramfs-tools";
  }

  /** The effective {@code MODULES} value ({@code most} when unset or unknown, as mkinitramfs). */
  public String modulesPolicy() {
    String v = modules.toLowerCase(Locale.ROOT);
    return List.of("most", "dep", "netboot", "list").contains(v) ? v : "most";
  }

  /** Module names listed in the module list files, with the line that lists each. */
  public Map<String, Location> listed() {
    return listed;
  }

  @Override
  public List<Inclusion> inclusion(List<String> wanted, Resolution resolution) {
    String policy = modulesPolicy();
    String setting = "MODULES=" + modules
        + (modulesOrigin == null ? " (the default)" : " at " + modulesOrigin)
        + (policy.equals(modules) ? "" : ", which mkinitramfs treats as most");
    ModuleSet set = new ModuleSet(resolution);
    for (Map.Entry<String, Location> e : listed.entrySet()) {
      set.add(e.getKey(), "listed at " + e.getValue());
    }
    List<String> classes = policy.equals("most") ? InitramfsToolsRules.MOST
        : policy.equals("netboot") ? InitramfsToolsRules.NETBOOT : List.of();
    for (String c : classes) {
      addClass(set, InitramfsToolsRules.moduleClass(c), setting, resolution);
    }
    addHidden(set, resolution);
    List<Inclusion> out = new ArrayList<>();
    for (String w : wanted) {
      String name = w.replace('-', '_');
      var reason = set.reason(name);
      if (reason.isPresent()) {
        out.add(new Inclusion(name, Inclusion.Verdict.INCLUDED, reason.get()));
      } else if (policy.equals("dep")) {
        out.add(new Inclusion(name, Inclusion.Verdict.UNKNOWN, setting + ": mkinitramfs adds"
            + " only the modules of the devices of the machine it runs on (in an image build,"
            + " the build host), and " + name + " is not listed"));
      } else {
        out.add(new Inclusion(name, Inclusion.Verdict.NOT_INCLUDED, setting + " copies "
            + (classes.isEmpty() ? "no module directory" : "the classes " + classes)
            + "; " + name + " is in none of their directories, not listed in " + MODULES_FILE
            + ", and no included module depends on it"));
      }
    }
    return out;
  }

  private static void addClass(ModuleSet set, InitramfsToolsRules.ModuleClass c, String setting,
      Resolution resolution) {
    for (String m : c.modules()) {
      set.add(m, setting + " (class " + c.name() + ")");
    }
    if (c.dirs().isEmpty()) {
      return;
    }
    // copy_modules_dir finds files below the directory, whatever copy depmod picked, and adds
    // them by name: modprobe then takes the name's winner (an updates/ copy, say).
    for (Map.Entry<String, List<Contest>> e : resolution.scan().contests().entrySet()) {
      for (Contest contest : e.getValue()) {
        String rel = contest.found().relPath();
        if (rel == null) {
          continue;
        }
        for (InitramfsToolsRules.Dir d : c.dirs()) {
          if (d.covers(rel)) {
            set.add(e.getKey(), setting + " (class " + c.name() + " copies " + d.path() + "/)");
          }
        }
      }
    }
  }

  /**
   * hidden_dep_add_modules looks only at files below the initramfs's {@code kernel/}: a vendor
   * mlx5_core in {@code updates/} does not bring mlx5_ib along.
   */
  private static void addHidden(ModuleSet set, Resolution resolution) {
    for (Map.Entry<String, List<String>> e :
        new java.util.TreeMap<>(InitramfsToolsRules.HIDDEN_DEPENDENCIES).entrySet()) {
      boolean inTree = set.reason(e.getKey()).isPresent()
          && resolution.module(e.getKey()).map(m -> m.outputPath().startsWith("kernel/"))
              .orElse(false);
      if (inTree) {
        for (String hidden : e.getValue()) {
          set.add(hidden, "hidden_dep_add_modules adds it for " + e.getKey());
        }
      }
    }
  }

  @Override
  public String fixFile() {
    return MODULES_FILE;
  }

  @Override
  public List<String> fixLines(List<String> modules) {
    return modules.stream().map(m -> m.replace('-', '_')).toList();
  }

  @Override
  public String regenerateCommand(String release) {
    return "update-initramfs -u -k " + release;
  }
}
