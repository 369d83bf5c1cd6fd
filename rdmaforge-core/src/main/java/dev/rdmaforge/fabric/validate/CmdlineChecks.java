package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.KERNEL_CMDLINE;

import dev.rdmaforge.fabric.host.ShellFile;
import dev.rdmaforge.fabric.host.ShellFileParser;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.modprobe.KernelArg;
import dev.rdmaforge.fabric.modprobe.KernelArgs;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel command line of SR-IOV hosts. /etc/default/grub and then each
 * /etc/default/grub.d/*.cfg are sourced into one shell by grub-mkconfig, which puts
 * GRUB_CMDLINE_LINUX and GRUB_CMDLINE_LINUX_DEFAULT on the line; /etc/kernel/cmdline is the line
 * itself. The line needs the Intel IOMMU on (VFs cannot be given to guests otherwise) unless the
 * target kernel turns it on by default, and should have {@code iommu=pt}.
 */
final class CmdlineChecks {
  private CmdlineChecks() {}

  /** The command line one node boots with, and where its pieces come from. */
  private record Line(String text, Location where) {}

  static void run(ParsedFabric p, KernelFacts facts, Set<String> sriovNodes, List<Finding> out) {
    Map<String, List<InputFile>> byNode = new LinkedHashMap<>();
    for (InputFile f : p.other(FileKind.CMDLINE)) {
      byNode.computeIfAbsent(f.node(), n -> new ArrayList<>()).add(f);
    }
    byNode.forEach((node, files) -> {
      Optional<Line> line = line(files, out);
      if (line.isPresent() && (node.isEmpty() || sriovNodes.contains(node))) {
        iommu(line.get(), facts, out);
      }
    });
  }

  private static Optional<Line> line(List<InputFile> files, List<Finding> out) {
    List<InputFile> grub = new ArrayList<>(files.stream()
        .filter(f -> !f.display().replace('\\', '/').endsWith("kernel/cmdline")).toList());
    // grub-mkconfig: /etc/default/grub first, then grub.d/*.cfg in name order
    grub.sort(Comparator.comparing((InputFile f) -> f.display().contains("grub.d/"))
        .thenComparing(f -> f.display().substring(f.display().lastIndexOf('/') + 1)));
    Map<String, String> vars = new HashMap<>();
    Location where = null;
    for (InputFile f : grub) {
      ShellFile sh = ShellFileParser.parse(f.display(), f.text(), vars);
      for (ShellFile.Assignment a : sh.assignments()) {
        if (!a.kept() && a.name().startsWith("GRUB_CMDLINE_LINUX")) {
          out.add(KERNEL_CMDLINE.at(a.where(), a.name() + " is set only for the command that"
              + " follows it on the line (an unquoted blank ends the value), so the shell keeps"
              + " its old value", "quote the whole value: " + a.name() + "=\"...\""));
        }
      }
      for (ShellFile.Note n : sh.notes()) {
        if (n.command()) {
          out.add(KERNEL_CMDLINE.at(n.where(), "grub-mkconfig sources this file and runs '"
              + n.word() + "' as a command (not found); it is not on the kernel command line",
              "quote the value it belongs to"));
        }
      }
      for (ShellFile.Assignment a : sh.variables().values()) {
        vars.put(a.name(), a.value());
        if (a.name().startsWith("GRUB_CMDLINE_LINUX")) {
          where = a.valueAt();
        }
      }
    }
    for (InputFile f : files) {
      if (f.display().replace('\\', '/').endsWith("kernel/cmdline")) {
        return Optional.of(new Line(f.text().strip(), Location.at(f.display(), 1, 1)));
      }
    }
    if (where == null) {
      return grub.isEmpty() ? Optional.empty()
          : Optional.of(new Line("", Location.of(grub.get(grub.size() - 1).display())));
    }
    return Optional.of(new Line(vars.getOrDefault("GRUB_CMDLINE_LINUX", "") + " "
        + vars.getOrDefault("GRUB_CMDLINE_LINUX_DEFAULT", ""), where));
  }

  private static void iommu(Line line, KernelFacts facts, List<Finding> out) {
    Optional<String> intel = Optional.empty();
    boolean passthrough = false;
    for (KernelArg a : KernelArgs.split(line.text())) {
      if (a.name().equals("intel_iommu")) {
        intel = Optional.of(a.value().orElse(""));
      }
      if (a.name().equals("iommu") && a.value().orElse("").equals("pt")) {
        passthrough = true;
      }
    }
    // Only the target's own configuration may excuse a missing intel_iommu=on: the bundled
    // Debian table says nothing about the kernel the user really boots.
    boolean known = facts.authoritative() && facts.intelIommuDefaultOn().isPresent();
    boolean defaultOn = known && facts.intelIommuDefaultOn().get();
    String kernel = known ? facts.label() : "the kernel (its configuration is unknown)";
    Optional<Boolean> explicit = intel.flatMap(CmdlineChecks::setting);
    if (explicit.isPresent() && !explicit.get()) {
      out.add(KERNEL_CMDLINE.at(line.where(), "intel_iommu=" + intel.get() + " turns VT-d off:"
          + " VFs cannot be passed to guests", "write intel_iommu=on"));
    } else if (explicit.isEmpty() && !defaultOn) {
      out.add(KERNEL_CMDLINE.at(line.where(), (intel.isPresent() ? "intel_iommu=" + intel.get()
          + " does not turn VT-d on (the kernel reads its comma-separated words by prefix: on,"
          + " off, igfx_off, ...)" : "the command line has no intel_iommu=on") + " and " + kernel
          + " does not turn the Intel IOMMU on by default: nova cannot pass VFs to guests",
          "add intel_iommu=on iommu=pt"));
    }
    if (!passthrough) {
      out.add(KERNEL_CMDLINE.at(Severity.WARNING, line.where(), "no iommu=pt: all host DMA goes"
          + " through the IOMMU, which costs the hypervisor throughput the Mellanox guide avoids",
          "add iommu=pt"));
    }
  }

  /**
   * intel_iommu_setup: each comma-separated word compared by prefix; "on" enables, "off"
   * disables, the last one wins; empty when no word decides.
   */
  private static Optional<Boolean> setting(String value) {
    Optional<Boolean> on = Optional.empty();
    for (String w : value.split(",")) {
      if (w.startsWith("on")) {
        on = Optional.of(true);
      } else if (w.startsWith("off")) {
        on = Optional.of(false);
      }
    }
    return on;
  }
}
