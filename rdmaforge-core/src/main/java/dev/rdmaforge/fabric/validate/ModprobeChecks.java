package dev.rdmaforge.fabric.validate;

import static dev.rdmaforge.fabric.rules.FabricRule.GONE_MODULE;
import static dev.rdmaforge.fabric.rules.FabricRule.MODULE_PARAMETER;
import static dev.rdmaforge.fabric.rules.FabricRule.NUM_VFS;
import static dev.rdmaforge.fabric.rules.FabricRule.PORT_TYPE_ARRAY;

import dev.rdmaforge.fabric.kernel.GoneModules;
import dev.rdmaforge.fabric.kernel.KernelFacts;
import dev.rdmaforge.fabric.kernel.Mlx4Limits;
import dev.rdmaforge.fabric.kernel.ModuleParameters;
import dev.rdmaforge.kernel.ParameterType;
import dev.rdmaforge.fabric.modprobe.KernelArg;
import dev.rdmaforge.fabric.modprobe.ModprobeCommand;
import dev.rdmaforge.fabric.modprobe.ModprobeConf;
import dev.rdmaforge.fabric.modprobe.ModprobeConfParser;
import dev.rdmaforge.fabric.modprobe.ModuleOption;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * modprobe.d files: the lines libkmod ignores, and every {@code options} word against the target
 * kernel's module (its parameter list and types, read from the module file), then mlx4_core's
 * own SR-IOV and port-type checks. Findings judged against the bundled Debian table instead of
 * the target's modules are warnings, and say so.
 */
final class ModprobeChecks {
  /** Accepted for every module by the kernel itself (kernel/module/main.c, dynamic debug). */
  private static final List<String> ALWAYS = List.of("dyndbg", "async_probe");

  /**
   * mlx4_core settings of one node, as the kernel will hold them.
   *
   * @param numVfs num_vfs values (empty when not set)
   * @param probeVf probe_vf values
   * @param portTypes port_type_array values
   * @param where the options line that set num_vfs (or the last mlx4_core line)
   */
  record Mlx4(List<Integer> numVfs, List<Integer> probeVf, List<Integer> portTypes,
      Location where) {}

  private ModprobeChecks() {}

  /** Checks every modprobe.d file; returns the mlx4_core settings by node. */
  static Map<String, Mlx4> run(ParsedFabric p, KernelFacts facts, List<Finding> out) {
    Map<String, Mlx4> mlx4 = new java.util.LinkedHashMap<>();
    for (InputFile f : p.other(FileKind.MODPROBE)) {
      ModprobeConf conf = ModprobeConfParser.parse(f.display(), f.text());
      out.addAll(conf.findings());
      for (ModprobeCommand c : conf.options()) {
        if (!module(c, facts, out)) {
          continue;
        }
        Optional<ModuleParameters> params = facts.parameters(c.module());
        List<ModuleOption> accepted = new ArrayList<>();
        for (ModuleOption o : c.options()) {
          if (params.isEmpty() || option(c, o, params.get(), facts, out)) {
            accepted.add(o);
          }
        }
        if (c.module().equals("mlx4_core")) {
          mlx4.merge(f.node(), mlx4(accepted, c, out),
              (a, b) -> new Mlx4(b.numVfs().isEmpty() ? a.numVfs() : b.numVfs(),
                  b.probeVf().isEmpty() ? a.probeVf() : b.probeVf(),
                  b.portTypes().isEmpty() ? a.portTypes() : b.portTypes(),
                  b.numVfs().isEmpty() ? a.where() : b.where()));
        }
      }
    }
    return mlx4;
  }

  /** Whether the module exists to take options; reports it otherwise. */
  private static boolean module(ModprobeCommand c, KernelFacts facts, List<Finding> out) {
    KernelFacts.Presence presence = facts.presence(c.module());
    Optional<String> gone = GoneModules.module(c.module());
    if (gone.isPresent() && presence != KernelFacts.Presence.MODULE) {
      out.add(GONE_MODULE.at(c.where(), "options for " + c.module() + ", which is gone: "
          + gone.get() + " (libkmod keeps the line; nothing ever loads the module)",
          "remove the line"));
      return false;
    }
    if (presence == KernelFacts.Presence.ABSENT) {
      out.add(MODULE_PARAMETER.at(c.where(), "the kernel " + facts.label() + " has no module "
          + c.module() + ": these options never apply", "check the module name (modinfo "
          + c.module() + ")"));
      return false;
    }
    if (presence == KernelFacts.Presence.BUILTIN) {
      out.add(MODULE_PARAMETER.at(c.where(), c.module() + " is built into " + facts.label()
          + ": modprobe.d options never reach a built-in module", "put " + c.module()
          + ".<parameter>=<value> on the kernel command line"));
      return false;
    }
    return true;
  }

  /** Checks one option word; true if the kernel takes it. */
  private static boolean option(ModprobeCommand c, ModuleOption o, ModuleParameters params,
      KernelFacts facts, List<Finding> out) {
    KernelArg a = o.arg();
    if (ALWAYS.contains(a.name())) {
      return true;
    }
    Severity severity = facts.authoritative() ? Severity.ERROR : Severity.WARNING;
    Optional<ParameterType> type = params.lookup(a.name());
    if (type.isEmpty()) {
      Optional<String> gone = GoneModules.parameter(c.module(), a.name());
      if (gone.isPresent()) {
        out.add(GONE_MODULE.at(severity, o.where(), c.module() + " has no parameter " + a.name()
            + " any more: " + gone.get() + " (kernel: " + c.module() + ": unknown parameter '"
            + a.name() + "' ignored)", "remove " + a.name()));
      } else {
        out.add(MODULE_PARAMETER.at(severity, o.where(), c.module() + " of " + facts.label()
            + " has no parameter " + a.name() + " (kernel: " + c.module()
            + ": unknown parameter '" + a.name() + "' ignored)", "use one of "
            + String.join(", ", params.names())));
      }
      return false;
    }
    int max = Mlx4Limits.arrayCapacity(c.module(), a.name());
    Optional<String> refusal = type.get().refusal(a.name(), a.value(), max);
    if (refusal.isPresent()) {
      out.add(MODULE_PARAMETER.at(severity, o.where(), a + " is not a valid " + type.get()
          + " for " + c.module() + " (kernel: " + c.module() + ": " + refusal.get()
          + "); modprobe then fails with 'Invalid argument' and " + c.module() + " is not loaded",
          "write a value of type " + type.get()));
      return false;
    }
    return true;
  }

  private static Mlx4 mlx4(List<ModuleOption> accepted, ModprobeCommand c, List<Finding> out) {
    List<Integer> numVfs = List.of();
    List<Integer> probeVf = List.of();
    List<Integer> portTypes = List.of();
    Location vfsAt = c.where();
    Location portsAt = c.where();
    for (ModuleOption o : accepted) {
      List<Integer> values = ints(o.arg().value().orElse(""));
      switch (o.arg().name().replace('-', '_')) {
        case "num_vfs" -> {
          numVfs = values;
          vfsAt = o.where();
        }
        case "probe_vf" -> probeVf = values;
        case "port_type_array" -> {
          portTypes = values;
          portsAt = o.where();
        }
        default -> { }
      }
    }
    for (String problem : Mlx4Limits.vfProblems(numVfs, probeVf)) {
      out.add(NUM_VFS.at(vfsAt, "mlx4_core refuses to probe the HCA: " + problem
          + " (num_vfs=" + numVfs + ", probe_vf=" + probeVf + "); the host gets no IB at all",
          "at most " + Mlx4Limits.MAX_VFS + " VFs, " + Mlx4Limits.MAX_VFS_PER_PORT
              + " on either port (dual-port VFs count on both), probe_vf <= num_vfs"));
    }
    for (String problem : Mlx4Limits.portTypeProblems(portTypes)) {
      boolean switched = problem.startsWith("mlx4_core: Module parameter");
      out.add(PORT_TYPE_ARRAY.at(switched ? Severity.WARNING : Severity.ERROR, portsAt,
          "port_type_array=" + portTypes + ": " + problem,
          "write 1 for each InfiniBand port, 2 for Ethernet"));
    }
    return new Mlx4(numVfs, probeVf, portTypes, numVfs.isEmpty() ? portsAt : vfsAt);
  }

  /** The integers of an array option the kernel accepted (decimal, hex or octal). */
  private static List<Integer> ints(String value) {
    List<Integer> out = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String s = item.strip();
      if (s.startsWith("+")) {
        s = s.substring(1);
      }
      try {
        out.add(s.startsWith("0x") || s.startsWith("0X") ? Integer.parseInt(s.substring(2), 16)
            : s.length() > 1 && s.startsWith("0") ? Integer.parseInt(s.substring(1), 8)
            : Integer.parseInt(s));
      } catch (NumberFormatException ex) {
        return List.of();
      }
    }
    return out;
  }
}
