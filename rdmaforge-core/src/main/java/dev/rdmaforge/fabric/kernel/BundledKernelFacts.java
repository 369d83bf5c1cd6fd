package dev.rdmaforge.fabric.kernel;

import dev.rdmaforge.kernel.ParameterType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RDMA modules of Debian's 6.1.0-56 kernel and their parameters, recorded from the package's
 * module files ({@code debian-6.1.0-56-amd64.txt}). Used when the description or the command
 * line names no module tree; a name outside the recorded modules is {@link Presence#UNKNOWN}.
 */
public final class BundledKernelFacts implements KernelFacts {
  private static final String RESOURCE = "debian-6.1.0-56-amd64.txt";
  private static final BundledKernelFacts INSTANCE = load();

  private final String release;
  private final boolean iommuDefaultOn;
  private final Map<String, ModuleParameters> modules;
  private final Map<String, String> aliases;

  private BundledKernelFacts(String release, boolean iommuDefaultOn,
      Map<String, ModuleParameters> modules, Map<String, String> aliases) {
    this.release = release;
    this.iommuDefaultOn = iommuDefaultOn;
    this.modules = modules;
    this.aliases = aliases;
  }

  /** The bundled table. */
  public static BundledKernelFacts debian61() {
    return INSTANCE;
  }

  /** The kernel release the table was recorded from. */
  public String release() {
    return release;
  }

  /** The recorded modules and their parameters, in the table's order. */
  public Map<String, ModuleParameters> modules() {
    return modules;
  }

  /** Plain-word aliases to the module that declares them ({@code xprtrdma -> rpcrdma}). */
  public Map<String, String> aliases() {
    return aliases;
  }

  @Override
  public String label() {
    return "Debian " + release + " (bundled table; give the target's module tree to check"
        + " against your kernel)";
  }

  @Override
  public boolean authoritative() {
    return false;
  }

  @Override
  public Presence presence(String module) {
    String n = KernelFacts.normalise(module);
    return modules.containsKey(n) || aliases.containsKey(module) ? Presence.MODULE
        : Presence.UNKNOWN;
  }

  @Override
  public Optional<ModuleParameters> parameters(String module) {
    return Optional.ofNullable(modules.get(KernelFacts.normalise(module)));
  }

  @Override
  public Optional<Boolean> intelIommuDefaultOn() {
    return Optional.of(iommuDefaultOn);
  }

  private static BundledKernelFacts load() {
    String release = "";
    boolean iommu = false;
    Map<String, Map<String, ParameterType>> params = new LinkedHashMap<>();
    Map<String, String> aliases = new HashMap<>();
    String current = null;
    try (InputStream in = BundledKernelFacts.class.getResourceAsStream(RESOURCE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] w = line.split(" ", 3);
        switch (w[0]) {
          case "release" -> release = w[1];
          case "intel-iommu-default-on" -> iommu = Boolean.parseBoolean(w[1]);
          case "module" -> {
            current = w[1];
            params.put(current, new LinkedHashMap<>());
          }
          case "param" -> params.get(current).put(w[1],
              w.length > 2 ? new ParameterType(w[2]) : ParameterType.UNKNOWN);
          case "alias" -> aliases.put(w[1], current);
          default -> throw new IllegalStateException(RESOURCE + ": unknown line " + line);
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    Map<String, ModuleParameters> modules = new LinkedHashMap<>();
    String source = "Debian " + release + " (bundled)";
    params.forEach((m, p) -> modules.put(m, new ModuleParameters(m, source, p)));
    return new BundledKernelFacts(release, iommu, java.util.Collections.unmodifiableMap(modules),
        java.util.Collections.unmodifiableMap(aliases));
  }
}
