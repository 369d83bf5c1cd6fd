package dev.rdmaforge.check;

import dev.rdmaforge.depmod.config.Origin;
import dev.rdmaforge.modprobe.BlacklistEntry;
import dev.rdmaforge.modprobe.CommandEntry;
import dev.rdmaforge.modprobe.Fnmatch;
import dev.rdmaforge.modprobe.ModprobeConfig;
import dev.rdmaforge.modprobe.OptionsEntry;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings for the modprobe.d lines that decided a result instead of the kernel: an install line
 * whose command fails (RF-CHK-011), one whose effect is not predicted (RF-CHK-012), a module
 * modprobe.d keeps out on purpose (RF-CHK-013), an option value the parameter's type refuses
 * (RF-CHK-014) and an option the module does not have (RF-CHK-015). Each points at the line, in
 * the image's own path.
 */
final class ModprobeConfigFindings {
  private final ModprobeConfig config;

  ModprobeConfigFindings(ModprobeConfig config) {
    this.config = config;
  }

  List<Finding> findings(List<ModuleResult> results) {
    Map<String, Finding> byModule = new LinkedHashMap<>();
    for (ModuleResult r : results) {
      String module = r.verdict() == Verdict.DEPENDENCY_FAILED ? r.blockedBy() : r.module();
      if (byModule.containsKey(module)) {
        continue;
      }
      Finding f = finding(r, module);
      if (f != null) {
        byModule.put(module, f);
      }
    }
    return new ArrayList<>(byModule.values());
  }

  private Finding finding(ModuleResult r, String module) {
    CommandEntry install = installLine(module);
    switch (r.verdict()) {
      case INSTALL_COMMAND_FAILED:
        if (install == null) {
          return null;
        }
        return new Finding("RF-CHK-011", Severity.ERROR, at(install.origin()),
            module + ": " + r.why(),
            "if " + module + " should load, remove the install line " + install.origin()
                + " or make its command load it (modprobe --ignore-install " + module
                + " $CMDLINE_OPTS)");
      case DEPENDENCY_FAILED:
        if (install != null && r.why().contains(Verdict.INSTALL_COMMAND_FAILED.id())) {
          return new Finding("RF-CHK-011", Severity.ERROR, at(install.origin()),
              module + " is needed by " + r.module() + ", but its install line "
                  + install.origin() + " runs `" + install.command().strip() + "`, which fails",
              "remove the install line " + install.origin() + " or make its command load "
                  + module + " (modprobe --ignore-install " + module + " $CMDLINE_OPTS)");
        }
        return null;
      case INSTALL_COMMAND:
        if (install == null) {
          return null;
        }
        return new Finding("RF-CHK-012", Severity.WARNING, at(install.origin()),
            module + ": " + r.why(),
            "run the command by hand in the image to see what it loads, or express it as"
                + " softdep lines (softdep " + module + " pre: A post: B), which modprobe and"
                + " rdmaforge both follow");
      case SKIPPED:
        return skipped(r, module, install);
      default:
        return null;
    }
  }

  private Finding skipped(ModuleResult r, String module, CommandEntry install) {
    if (install != null) {
      return new Finding("RF-CHK-013", Severity.INFO, at(install.origin()),
          module + " is not loaded: " + r.why(),
          "if " + module + " should load, remove the install line " + install.origin());
    }
    for (BlacklistEntry b : config.blacklists()) {
      if (b.module().equals(module)) {
        return new Finding("RF-CHK-013", Severity.INFO, at(b.origin()),
            module + " is not loaded: " + r.why(),
            "if " + module + " should load when its device appears, remove the blacklist line "
                + b.origin());
      }
    }
    return null;
  }

  /** One finding per parameter the kernel complains about, at the options line that sets it. */
  List<Finding> parameterFindings(Collection<ModprobeRun.ParameterComplaint> complaints) {
    List<ModprobeRun.ParameterComplaint> sorted = new ArrayList<>(complaints);
    sorted.sort(Comparator.comparing(ModprobeRun.ParameterComplaint::module)
        .thenComparing(c -> c.complaint().name()));
    List<Finding> findings = new ArrayList<>();
    for (ModprobeRun.ParameterComplaint c : sorted) {
      ModuleParameters.Complaint said = c.complaint();
      OptionsEntry line = optionsLine(c.module(), said.name());
      Location where = line == null ? Location.of("etc/modprobe.d") : at(line.origin());
      String lineName = line == null ? "the options line" : "the options line " + line.origin();
      if (said.fatal()) {
        findings.add(new Finding("RF-CHK-014", Severity.ERROR, where,
            c.module() + ": " + said.kernelMessage() + ": the kernel refuses the module",
            "give " + said.name() + " a value of its type (modinfo -p " + c.module()
                + ") in " + lineName));
      } else {
        findings.add(new Finding("RF-CHK-015", Severity.WARNING, where,
            c.module() + ": " + said.kernelMessage() + ": " + c.module()
                + " has no such parameter",
            "remove " + said.name() + " from " + lineName + " or check its spelling against"
                + " modinfo -p " + c.module()));
      }
    }
    return findings;
  }

  /** The options line for {@code module} that names {@code parameter}, or null. */
  private OptionsEntry optionsLine(String module, String parameter) {
    for (OptionsEntry o : config.options()) {
      if (!o.module().equals(module)) {
        continue;
      }
      for (String[] word : ModuleParameters.words(o.options())) {
        if (word[0].replace('-', '_').equals(parameter.replace('-', '_'))) {
          return o;
        }
      }
    }
    return null;
  }

  /** The install line modprobe applies to {@code module}: the first whose pattern matches. */
  private CommandEntry installLine(String module) {
    for (CommandEntry c : config.installCommands()) {
      if (Fnmatch.matches(c.module(), module)) {
        return c;
      }
    }
    return null;
  }

  /** The line in the image: kmod names files by their path inside it. */
  private static Location at(Origin origin) {
    String file = origin.file().startsWith("/") ? origin.file().substring(1) : origin.file();
    return Location.at(file, origin.line());
  }
}
