package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * dracut's configuration in a root, read as {@code dracut.sh} sources it: {@code
 * etc/dracut.conf}, then the {@code *.conf} files of {@code etc/dracut.conf.d} and {@code
 * usr/lib/dracut/dracut.conf.d} sorted by name (a name in {@code etc} masks the same name in
 * {@code usr/lib}). Of its variables: {@code add_drivers} and {@code force_drivers} (installed
 * whatever hostonly says), {@code drivers} (when set, the only drivers the kernel-modules module
 * installs), {@code omit_drivers} (regular expressions; a driver also listed in the others is
 * kept, as dracut corrects the list) and {@code hostonly}.
 */
public final class DracutConfig implements InitramfsGenerator {
  /** Where the fix goes. */
  public static final String FIX_FILE = "etc/dracut.conf.d/rdmaforge.conf";

  private static final List<String> VARS =
      List.of("add_drivers", "force_drivers", "omit_drivers", "drivers", "hostonly");

  private final Map<String, ShellAssignments.Value> vars;

  private DracutConfig(Map<String, ShellAssignments.Value> vars) {
    this.vars = vars;
  }

  /** Whether {@code root} has dracut (its generator or its configuration). */
  public static boolean presentIn(Path root) {
    return Files.exists(root.resolve("usr/bin/dracut"))
        || Files.exists(root.resolve("usr/sbin/dracut"))
        || Files.exists(root.resolve("etc/dracut.conf"));
  }

  /** Reads the configuration of {@code root}. */
  public static DracutConfig read(Path root) {
    List<String> files = new ArrayList<>();
    if (Files.isRegularFile(root.resolve("etc/dracut.conf"))) {
      files.add("etc/dracut.conf");
    }
    files.addAll(ConfigFiles.dropIns(root, n -> n.endsWith(".conf"), "etc/dracut.conf.d",
        "usr/lib/dracut/dracut.conf.d"));
    Map<String, ShellAssignments.Value> vars = new HashMap<>();
    for (String f : files) {
      try {
        ShellAssignments.apply(root.resolve(f), f, VARS, vars);
      } catch (IOException e) {
        throw ConfigFiles.unreadable(root, f, e);
      }
    }
    return new DracutConfig(vars);
  }

  @Override
  public String name() {
    return "dracut";
  }

  /** Whether {@code hostonly} is on ({@code yes}); dracut's own default is off. */
  public boolean hostonly() {
    ShellAssignments.Value v = vars.get("hostonly");
    return v != null && v.text().trim().equals("yes");
  }

  private Set<String> words(String var) {
    Set<String> out = new LinkedHashSet<>();
    ShellAssignments.Value v = vars.get(var);
    if (v != null) {
      for (String w : v.text().trim().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w.replace('-', '_'));
        }
      }
    }
    return out;
  }

  private String origin(String var) {
    ShellAssignments.Value v = vars.get(var);
    return v == null ? var : var + " (" + v.origin() + ")";
  }

  @Override
  public List<Inclusion> inclusion(List<String> wanted, Resolution resolution) {
    Set<String> drivers = words("drivers");
    ModuleSet listed = new ModuleSet(resolution);
    for (String var : List.of("add_drivers", "force_drivers", "drivers")) {
      for (String w : words(var)) {
        listed.add(w, "listed in " + origin(var));
      }
    }
    List<Pattern> omit = new ArrayList<>();
    for (String w : words("omit_drivers")) {
      try {
        omit.add(Pattern.compile(w));
      } catch (PatternSyntaxException e) {
        omit.add(Pattern.compile(Pattern.quote(w)));
      }
    }
    List<Inclusion> out = new ArrayList<>();
    for (String w : wanted) {
      String name = w.replace('-', '_');
      Optional<String> reason = listed.reason(name);
      Pattern omitted = omit.stream().filter(p -> p.matcher(name).find()).findFirst()
          .orElse(null);
      if (reason.isPresent() && (omitted == null || reason.get().startsWith("listed"))) {
        out.add(new Inclusion(name, Inclusion.Verdict.INCLUDED, reason.get()));
      } else if (omitted != null) {
        out.add(new Inclusion(name, Inclusion.Verdict.NOT_INCLUDED, "omitted by '"
            + omitted.pattern() + "' in " + origin("omit_drivers")));
      } else if (!drivers.isEmpty()) {
        out.add(new Inclusion(name, Inclusion.Verdict.NOT_INCLUDED, origin("drivers")
            + " names the only drivers dracut installs, and not " + name));
      } else if (hostonly()) {
        out.add(new Inclusion(name, Inclusion.Verdict.UNKNOWN, "hostonly=yes at "
            + vars.get("hostonly").origin() + ": dracut adds the drivers the machine it runs on"
            + " uses (in an image build, the build host)"));
      } else if (underDrivers(name, resolution)) {
        out.add(new Inclusion(name, Inclusion.Verdict.UNKNOWN, "not listed; dracut's"
            + " kernel-modules module adds drivers/ modules by the block and network functions"
            + " they call, which rdmaforge does not evaluate"));
      } else {
        out.add(new Inclusion(name, Inclusion.Verdict.NOT_INCLUDED, "not listed in add_drivers,"
            + " force_drivers or drivers; dracut's generic rules add only drivers/ and fs/"
            + " modules"));
      }
    }
    return out;
  }

  private static boolean underDrivers(String name, Resolution resolution) {
    Optional<DepmodModule> m = resolution.module(name);
    return m.isPresent() && m.get().outputPath().contains("/drivers/");
  }

  @Override
  public String fixFile() {
    return FIX_FILE;
  }

  @Override
  public List<String> fixLines(List<String> modules) {
    return List.of("add_drivers+=\" " + String.join(" ",
        modules.stream().map(m -> m.replace('-', '_')).toList()) + " \"");
  }

  @Override
  public String regenerateCommand(String release) {
    return "dracut -f --kver " + release;
  }
}
