package dev.rdmaforge.testkit.repos;

import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * apt repositories made for real with {@code dpkg-scanpackages}: flat ({@code cd DIR;
 * dpkg-scanpackages . > Packages}, then gzip or xz as sites do) and the archive form ({@code
 * pool/} plus {@code dists/SUITE/main/binary-amd64/Packages.gz} and a Release file with the
 * indexes' sizes and SHA256, as {@code apt-ftparchive release} writes it).
 */
public final class AptRepos {
  private AptRepos() {}

  /**
   * Indexes the .debs in {@code dir} as a flat repository; {@code compression} is {@code
   * plain}, {@code gzip} or {@code xz} (the compressed ones replace the plain file).
   */
  public static Path flat(Path dir, String compression) {
    Path scan = Tools.require("dpkg-scanpackages", "dpkg-dev");
    Processes.runChecked(dir, List.of("sh", "-c", "'" + scan + "' . > Packages"));
    return compress(dir.resolve("Packages"), compression);
  }

  /**
   * Copies {@code debs} into {@code root/pool/main/} and indexes them as suite {@code suite},
   * component main, architecture amd64, with a Release file; returns the index.
   */
  public static Path archive(Path root, String suite, List<Path> debs) {
    Path scan = Tools.require("dpkg-scanpackages", "dpkg-dev");
    try {
      Path pool = Files.createDirectories(root.resolve("pool/main"));
      for (Path deb : debs) {
        Files.copy(deb, pool.resolve(deb.getFileName()));
      }
      Path binary = Files.createDirectories(
          root.resolve("dists").resolve(suite).resolve("main/binary-amd64"));
      Processes.runChecked(root, List.of("sh", "-c", "'" + scan + "' pool > '"
          + binary.resolve("Packages") + "'"));
      Path index = compress(binary.resolve("Packages"), "gzip");
      byte[] bytes = Files.readAllBytes(index);
      Files.writeString(root.resolve("dists").resolve(suite).resolve("Release"),
          "Origin: rdmaforge test kit\nSuite: " + suite + "\nComponents: main\n"
          + "Architectures: amd64\nSHA256:\n " + YumRepos.sha256(bytes) + " " + bytes.length
          + " main/binary-amd64/Packages.gz\n");
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException("could not make an archive in " + root, e);
    }
  }

  private static Path compress(Path packages, String compression) {
    switch (compression) {
      case "plain":
        return packages;
      case "gzip":
        Processes.runChecked(packages.getParent(), List.of("gzip", "-9n", packages.toString()));
        return packages.resolveSibling("Packages.gz");
      case "xz":
        Processes.runChecked(packages.getParent(), List.of("xz", packages.toString()));
        return packages.resolveSibling("Packages.xz");
      default:
        throw new IllegalArgumentException(compression);
    }
  }
}
