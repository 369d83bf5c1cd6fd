package dev.rdmaforge.testkit.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A module a kernel has built in, for the scenario "modprobe a built-in module": kmod finds it in
 * {@code modules.builtin} and inserts nothing.
 *
 * <p>It is chosen among built-ins under {@code kernel/drivers/} that have parameters in {@code
 * modules.builtin.modinfo}, because only a built-in with (visible) parameters or a version gets a
 * {@code /sys/module/NAME} directory, which is how a booted kernel shows the module is there. The
 * hardware RNG core ({@code rng-core}, parameter {@code default_quality}, mode 0644) is preferred
 * when built in; otherwise the first such entry in {@code modules.builtin} order.
 *
 * @param path the path in {@code modules.builtin}, e.g. {@code
 *     kernel/drivers/char/hw_random/rng-core.ko}
 * @param name the module name, e.g. {@code rng_core}
 */
public record BuiltinModule(String path, String name) {

  static final String PREFERRED = "kernel/drivers/char/hw_random/rng-core.ko";

  /**
   * The built-in module of the tree {@code modulesDir}, chosen as the class comment says.
   *
   * @throws IllegalStateException when no built-in under {@code kernel/drivers/} has parameters
   */
  public static BuiltinModule choose(Path modulesDir) {
    try {
      List<String> builtin =
          Files.readAllLines(modulesDir.resolve("modules.builtin"), StandardCharsets.UTF_8);
      String modinfo =
          Files.readString(modulesDir.resolve("modules.builtin.modinfo"), StandardCharsets.UTF_8);
      Set<String> withParameters = new HashSet<>();
      for (String record : modinfo.split("\0")) {
        int dot = record.indexOf('.');
        if (dot > 0 && record.startsWith(".parm=", dot)) {
          withParameters.add(record.substring(0, dot));
        }
      }
      String chosen = null;
      for (String path : builtin) {
        boolean candidate =
            path.startsWith("kernel/drivers/")
                && withParameters.contains(KernelModuleIndex.moduleName(path));
        if (candidate && (chosen == null || path.equals(PREFERRED))) {
          chosen = path;
        }
      }
      if (chosen == null) {
        throw new IllegalStateException(
            modulesDir + "/modules.builtin has no module under kernel/drivers/ with parameters");
      }
      return new BuiltinModule(chosen, KernelModuleIndex.moduleName(chosen));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the built-in modules of " + modulesDir, e);
    }
  }
}
