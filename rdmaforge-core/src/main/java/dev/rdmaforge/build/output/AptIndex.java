package dev.rdmaforge.build.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A flat apt repository over a directory of Debian packages: {@code Packages} written by {@code
 * dpkg-scanpackages --multiversion .} run inside it (so {@code Filename:} is relative to it, as in
 * an MLNX_OFED bundle's {@code DEBS/COMMON/}), and {@code Packages.gz} beside it. A sources.list
 * line {@code deb [trusted=yes] file:/DIR ./} reads it.
 */
final class AptIndex {
  private AptIndex() {}

  /** Writes {@code dir/Packages} and {@code dir/Packages.gz} for the .deb files in {@code dir}. */
  static void write(Path dir) throws IOException {
    List<String> cmd = List.of("dpkg-scanpackages", "--multiversion", ".");
    Path errors = Files.createTempFile("rdmaforge-scanpackages-", ".log");
    Path packages = dir.resolve("Packages");
    try {
      Process p;
      try {
        p = new ProcessBuilder(cmd).directory(dir.toFile())
            .redirectOutput(packages.toFile()).redirectError(errors.toFile()).start();
      } catch (IOException e) {
        throw new IOException("dpkg-scanpackages is not installed (" + e.getMessage() + ");"
            + " install it with 'apt-get install -y --no-install-recommends dpkg-dev', or set"
            + " `repository: none`", e);
      }
      try {
        if (p.waitFor() != 0) {
          throw new IOException("dpkg-scanpackages failed in " + dir + ": "
              + Files.readString(errors, StandardCharsets.UTF_8).strip());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while dpkg-scanpackages ran in " + dir, e);
      }
    } finally {
      Files.deleteIfExists(errors);
    }
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(
        dir.resolve("Packages.gz")))) {
      Files.copy(packages, gz);
    }
  }

  /** Whether {@code dir} directly holds a .deb file. */
  static boolean hasDebs(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.deb")) {
      return s.iterator().hasNext();
    }
  }
}
