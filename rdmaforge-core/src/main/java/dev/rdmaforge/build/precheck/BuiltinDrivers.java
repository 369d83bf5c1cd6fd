package dev.rdmaforge.build.precheck;

import dev.rdmaforge.kernel.KernelConfig;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import dev.rdmaforge.stack.KernelInputs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RF-STK-001: the target kernel has built in a driver the bundle ships as a module. The built-in
 * one is always there first: the bundle's module never loads ("module is already loaded" /
 * "exists in kernel"), and the bundle's other modules, built against the bundle's version, meet
 * the kernel's symbols instead (microsoft/azure-linux-kernel#28: {@code CONFIG_MLX5_CORE=y}
 * blocks OFED). Decided by the kernel's {@code modules.builtin} when known (exact), else by its
 * config through {@link KbuildSymbols}.
 */
final class BuiltinDrivers {
  static final String RULE = "RF-STK-001";

  private BuiltinDrivers() {}

  static void check(KernelInputs kernel, BundleModules modules, List<KernelFinding> out) {
    Map<String, Location> builtin = kernel.builtin().map(BuiltinDrivers::builtinLines)
        .orElse(Map.of());
    KernelConfig config = KernelConfig.read(kernel.config());
    List<String> configLines = TextLines.read(kernel.config());
    for (String module : modules.modules()) {
      Location at = builtin.get(module);
      String why;
      String symbol = KbuildSymbols.of(module).orElse(null);
      if (at != null) {
        why = "its modules.builtin lists " + module;
      } else if (symbol != null && config.isEnabled(symbol)) {
        at = Location.at(kernel.config().toString(),
            TextLines.firstStartingWith(configLines, symbol + "="));
        why = "its config has " + symbol + "=y";
      } else {
        continue;
      }
      String owners = String.join(", ", modules.packages(module));
      out.add(new KernelFinding(kernel.release(), new Finding(RULE, Severity.ERROR, at,
          "kernel " + kernel.release() + " has " + module + " built in (" + why + "), so "
              + module + ".ko of " + owners + " can never load there and the bundle's modules"
              + " that need it would meet the kernel's own",
          "use a kernel built with " + (symbol == null ? "the driver" : symbol) + "=m, or leave "
              + owners + " out of the stack for this kernel")));
    }
  }

  /** Module name to its line in modules.builtin ({@code kernel/drivers/.../NAME.ko}). */
  private static Map<String, Location> builtinLines(Path file) {
    Map<String, Location> out = new HashMap<>();
    List<String> lines = TextLines.read(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int slash = line.lastIndexOf('/');
      String name = line.substring(slash + 1);
      if (name.endsWith(".ko")) {
        name = BundleModules.normalise(name.substring(0, name.length() - 3));
        out.putIfAbsent(name, Location.at(file.toString(), i + 1));
      }
    }
    return out;
  }
}
