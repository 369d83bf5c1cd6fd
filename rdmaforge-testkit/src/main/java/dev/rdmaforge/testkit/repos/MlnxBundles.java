package dev.rdmaforge.testkit.repos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Unpacked MLNX_OFED bundle directories laid out as 5.x bundles are (driver-stacks.md §1):
 * {@code .mlnx}, {@code mlnx}, {@code distro}, {@code .supported_kernels} and {@code
 * supported_kernels}, and {@code RPMS/GROUP/} with the packages; a package listed under several
 * groups is copied into the first and linked from the others ({@code ../FIRST/NAME}), as the
 * bundle links COMMON packages into MLNX_LIBS and UPSTREAM_LIBS.
 */
public final class MlnxBundles {
  private MlnxBundles() {}

  /**
   * Writes a bundle into {@code dir}.
   *
   * @param packageDir {@code RPMS} or {@code DEBS}
   * @param groups group name to the package files it holds, in order
   */
  public static Path make(Path dir, String version, String distro, List<String> kernels,
      String packageDir, Map<String, List<Path>> groups) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(".mlnx"), version + "\n");
      Files.writeString(dir.resolve("mlnx"), version + "\n");
      Files.writeString(dir.resolve("distro"), distro + "\n");
      String lines = String.join("\n", kernels) + "\n";
      Files.writeString(dir.resolve(".supported_kernels"), lines);
      Files.writeString(dir.resolve("supported_kernels"), lines);
      Path pkgs = Files.createDirectories(dir.resolve(packageDir));
      java.util.Map<String, String> placed = new java.util.HashMap<>();
      for (Map.Entry<String, List<Path>> group : groups.entrySet()) {
        Path g = Files.createDirectories(pkgs.resolve(group.getKey()));
        for (Path file : group.getValue()) {
          String name = file.getFileName().toString();
          String first = placed.putIfAbsent(file.toString(), group.getKey());
          if (first == null) {
            Files.copy(file, g.resolve(name));
          } else {
            Files.createSymbolicLink(g.resolve(name), Path.of("..", first, name));
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("could not make a bundle in " + dir, e);
    }
  }
}
