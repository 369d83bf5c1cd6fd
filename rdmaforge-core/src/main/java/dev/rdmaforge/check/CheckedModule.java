package dev.rdmaforge.check;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A module file the checker may insert: the file depmod chose for a name (or a candidate it did
 * not choose, when the checker asks whether that one would load instead).
 *
 * @param name the module name
 * @param file the path relative to {@code lib/modules/KVER} (absolute for an external directory)
 * @param physical where the bytes are on this machine
 * @param facts what the kernel's loader looks at in it
 */
public record CheckedModule(String name, String file, Path physical, ModuleFacts facts) {

  /** All parts required. */
  public CheckedModule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(physical, "physical");
    Objects.requireNonNull(facts, "facts");
  }
}
