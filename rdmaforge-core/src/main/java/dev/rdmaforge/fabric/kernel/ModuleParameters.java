package dev.rdmaforge.fabric.kernel;

import dev.rdmaforge.kernel.ParameterType;
import dev.rdmaforge.kmod.ModuleFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters one kernel module accepts, read from its {@code .modinfo} ({@code parm=} and
 * {@code parmtype=} entries, which is what {@code modinfo -p} prints). Names are matched as the
 * kernel's {@code parameq} does: {@code -} and {@code _} are the same character.
 *
 * @param module the module name ({@code mlx4_core})
 * @param source where the list came from, for messages (a module file, or the bundled table)
 * @param types parameter name to type, in the module's order
 */
public record ModuleParameters(String module, String source, Map<String, ParameterType> types) {

  /** Copies the map, keeping its order. */
  public ModuleParameters {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
  }

  /** The parameters of a module file read by {@link dev.rdmaforge.kmod.ModuleReader}. */
  public static ModuleParameters of(ModuleFile file) {
    Map<String, ParameterType> types = new LinkedHashMap<>();
    // parmtype is written for every module_param; parm only when there is a description.
    for (String entry : file.modinfo("parmtype")) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        types.put(entry.substring(0, colon), new ParameterType(entry.substring(colon + 1)));
      }
    }
    for (String entry : file.modinfo("parm")) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        types.putIfAbsent(entry.substring(0, colon), ParameterType.UNKNOWN);
      }
    }
    return new ModuleParameters(file.name(), file.path().toString(), types);
  }

  /** The type of the parameter the kernel would match for {@code name}, if the module has one. */
  public Optional<ParameterType> lookup(String name) {
    ParameterType exact = types.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    String wanted = name.replace('-', '_');
    for (Map.Entry<String, ParameterType> e : types.entrySet()) {
      if (e.getKey().replace('-', '_').equals(wanted)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The parameter names in the module's order. */
  public List<String> names() {
    return List.copyOf(types.keySet());
  }
}
