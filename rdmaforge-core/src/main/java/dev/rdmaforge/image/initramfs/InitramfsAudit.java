package dev.rdmaforge.image.initramfs;

import dev.rdmaforge.depmod.Depmod;
import dev.rdmaforge.depmod.DepmodFailure;
import dev.rdmaforge.depmod.DepmodLog;
import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.DepmodRequest;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.depmod.explain.BuiltinModules;
import dev.rdmaforge.kmod.ModuleReader;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an image's initramfs against its root and boot path: modules in the initramfs that are
 * not the root's winner for their name (the initramfs copy loads first at boot, so a stale {@code
 * ib_core} there beats the fixed one in the root), needed modules and their dependencies the
 * initramfs lacks, whether the image's generator (initramfs-tools or dracut) puts them in at its
 * next run, and the lines that make it. The root is resolved as its own depmod does ({@code
 * rdmaforge explain --root}: the image's depmod.d, paths inside the root); modules are compared
 * by their decompressed images.
 *
 * <p>Rules: RF-INI-001 (error) stale module in the initramfs; RF-INI-002 (error) needed module
 * missing and the next regeneration leaves it out; RF-INI-003 (warning) needed module missing
 * but the next regeneration puts it in; RF-INI-004 (error) needed module neither in the root nor
 * built in; RF-INI-005 (warning) a module only the initramfs has; RF-INI-006 (warning) no
 * generator found, or it decides by the build machine.
 */
public final class InitramfsAudit {
  private final Depmod depmod;

  /** An audit resolving roots with {@code depmod}. */
  public InitramfsAudit(Depmod depmod) {
    this.depmod = depmod;
  }

  /** An audit with {@link Depmod#create()}. */
  public static InitramfsAudit create() {
    return new InitramfsAudit(Depmod.create());
  }

  /** Runs the audit; bad input (no such root, release or file; a damaged file) throws. */
  public InitramfsAuditResult audit(InitramfsAuditRequest request) {
    Path root = request.root();
    String release = request.release();
    if (!Files.isDirectory(root)) {
      throw new UserInputException(root + ": no such directory; give the image root");
    }
    DepmodRequest dr = DepmodRequest.chroot(root, release);
    Resolution resolution;
    try {
      resolution = depmod.resolve(dr, DepmodLog.discard());
    } catch (DepmodFailure f) {
      throw new UserInputException(root + ": " + f.getMessage() + "; check that " + root
          + "/lib/modules/" + release + " exists");
    }
    Set<String> builtin = BuiltinModules.read(dr.view(), dr.dirname());
    InitramfsModules inside = InitramfsModules.read(request.initramfs(), release);
    String file = request.initramfs().toString();
    List<Finding> findings = new ArrayList<>();

    InitramfsGenerator generator = generator(root);
    String regenerate = generator == null ? null
        : "chroot " + root + " " + generator.regenerateCommand(release);

    List<StaleModule> stale = new ArrayList<>();
    for (InitramfsModule m : inside.modules()) {
      if (!inside.module(m.name()).map(x -> x.path().equals(m.path())).orElse(false)) {
        continue; // a later entry of the same name overwrote this one when unpacked
      }
      Optional<DepmodModule> winner = resolution.module(m.name());
      if (winner.isEmpty()) {
        if (!builtin.contains(m.name())) {
          findings.add(new Finding("RF-INI-005", Severity.WARNING, Location.of(file + "!"
              + m.path()), "the initramfs has " + m.name() + ", which the root has no file for"
              + " in lib/modules/" + release + " (left from an older stack?)",
              regenerate == null ? "" : "regenerate the initramfs: " + regenerate));
        }
        continue;
      }
      String rootPath = rootPath(winner.get());
      String rootSha = digest(resolution, winner.get(), root);
      if (!rootSha.equals(m.sha256())) {
        stale.add(new StaleModule(m.name(), m.path(), rootPath, m.sha256(), rootSha));
        findings.add(new Finding("RF-INI-001", Severity.ERROR, Location.of(file + "!" + m.path()),
            "the initramfs's " + m.name() + " (" + m.path() + ") differs from the root's "
                + rootPath + ": at boot the initramfs copy is loaded first and the root's is"
                + " never used",
            regenerate == null ? "rebuild the initramfs from the root"
                : "regenerate the initramfs: " + regenerate));
      }
    }

    // needed modules and their dependency closure, in order, each with the name that needs it
    Map<String, String> neededBy = new LinkedHashMap<>();
    for (String n : request.modules()) {
      String name = n.replace('-', '_');
      Optional<DepmodModule> winner = resolution.module(name);
      if (winner.isEmpty()) {
        if (!builtin.contains(name)) {
          findings.add(new Finding("RF-INI-004", Severity.ERROR,
              Location.of(root + "/lib/modules/" + release), "the boot path needs " + name
                  + ", which is neither in lib/modules/" + release + " nor built into the kernel",
              "install the package that ships " + name + ".ko for " + release));
        }
        continue;
      }
      neededBy.putIfAbsent(name, name);
      for (DepmodModule d : resolution.allDependencies(winner.get())) {
        neededBy.putIfAbsent(d.name(), name);
      }
    }
    List<Inclusion> inclusion = generator == null ? List.of()
        : generator.inclusion(new ArrayList<>(neededBy.keySet()), resolution);
    Map<String, Inclusion> inclusionByName = new LinkedHashMap<>();
    for (Inclusion i : inclusion) {
      inclusionByName.put(i.module(), i);
    }
    List<MissingModule> missing = new ArrayList<>();
    List<String> toList = new ArrayList<>();
    for (Map.Entry<String, String> e : neededBy.entrySet()) {
      String name = e.getKey();
      Inclusion next = inclusionByName.get(name);
      if (next != null && next.verdict() != Inclusion.Verdict.INCLUDED
          && !toList.contains(e.getValue())) {
        toList.add(e.getValue()); // listing the needed module brings its dependencies along
      }
      if (inside.module(name).isPresent()) {
        continue;
      }
      String rootPath = rootPath(resolution.module(name).orElseThrow());
      missing.add(new MissingModule(name, e.getValue(), rootPath, next));
      String what = "the boot path needs " + name
          + (name.equals(e.getValue()) ? "" : " (a dependency of " + e.getValue() + ")")
          + ", which the initramfs lacks";
      if (next != null && next.verdict() == Inclusion.Verdict.INCLUDED) {
        findings.add(new Finding("RF-INI-003", Severity.WARNING, Location.of(file), what
            + "; the next regeneration puts it in (" + next.reason() + ")",
            "regenerate the initramfs: " + regenerate));
      } else {
        findings.add(new Finding("RF-INI-002", Severity.ERROR, Location.of(file), what
            + (next == null ? "" : "; " + generator.name() + " would leave it out: "
                + next.reason()),
            generator == null ? "add " + name + " to the image's initramfs generator"
                : "add to " + generator.fixFile() + ": "
                    + String.join(" / ", generator.fixLines(List.of(e.getValue())))
                    + ", then " + regenerate));
      }
    }
    List<String> fixLines = generator == null || toList.isEmpty() ? List.of()
        : generator.fixLines(toList);
    if (generator == null) {
      findings.add(new Finding("RF-INI-006", Severity.WARNING, Location.of(root.toString()),
          "neither initramfs-tools nor dracut is in the root: nothing says what the next"
              + " initramfs will hold", "install the image's initramfs generator"));
    } else {
      for (Inclusion i : inclusion) {
        if (i.verdict() == Inclusion.Verdict.UNKNOWN) {
          findings.add(new Finding("RF-INI-006", Severity.WARNING, Location.of(root.toString()),
              "whether " + generator.name() + " puts " + i.module() + " in depends on the machine"
                  + " it runs on: " + i.reason(),
              "list it in " + generator.fixFile() + " so that it does not"));
        }
      }
    }
    return new InitramfsAuditResult(release, generator == null ? "none" : generator.name(),
        stale, missing, inclusion, generator == null ? null : generator.fixFile(), fixLines,
        regenerate, findings);
  }

  /** The root's generator: dracut when it is installed, else initramfs-tools, else null. */
  static InitramfsGenerator generator(Path root) {
    if (DracutConfig.presentIn(root)) {
      return DracutConfig.read(root);
    }
    if (InitramfsToolsConfig.presentIn(root)) {
      return InitramfsToolsConfig.read(root);
    }
    return null;
  }

  private static String rootPath(DepmodModule m) {
    String p = m.candidate().path();
    return p.startsWith("/") ? p.substring(1) : p;
  }

  private static String digest(Resolution resolution, DepmodModule m, Path root) {
    try {
      Path physical = m.physical() != null ? m.physical()
          : resolution.view().physical(m.candidate().path());
      ByteBuffer image = ModuleReader.loadImage(physical);
      MessageDigest sha = InitramfsImage.sha256();
      sha.update(image);
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UserInputException(root + ": cannot read " + rootPath(m) + ": " + e.getMessage()
          + "; reinstall the package that ships it", e);
    }
  }
}
