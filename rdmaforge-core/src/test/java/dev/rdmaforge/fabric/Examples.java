package dev.rdmaforge.fabric;

import dev.rdmaforge.fabric.model.FabricDescription;
import dev.rdmaforge.fabric.yaml.FabricYamlReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bundled example descriptions in examples/fabric/, found from the module directory. */
public final class Examples {
  private Examples() {}

  /** examples/fabric/NAME. */
  public static Path path(String name) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/fabric"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("examples/fabric not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("examples/fabric").resolve(name);
  }

  /** The modern example (seed 004's topology). */
  public static FabricDescription modern() {
    return FabricYamlReader.read(path("fabric.yaml"));
  }

  /** Seed 004 as written for Icehouse. */
  public static FabricDescription icehouse() {
    return FabricYamlReader.read(path("icehouse.yaml"));
  }
}
