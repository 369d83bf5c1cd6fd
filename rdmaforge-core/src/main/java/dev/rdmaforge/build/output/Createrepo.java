package dev.rdmaforge.build.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code createrepo_c} over a directory of RPMs: the yum repository metadata (repodata/). */
final class Createrepo {
  private Createrepo() {}

  /** Writes {@code dir/repodata/} for the RPMs below {@code dir}, as make-bundle.sh does. */
  static void run(Path dir) throws IOException {
    List<String> cmd = List.of("createrepo_c", "--quiet", "--no-database", dir.toString());
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("createrepo_c is not installed (" + e.getMessage() + "); install it"
          + " with 'apt-get install -y --no-install-recommends createrepo-c', or set"
          + " `repository: none`", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("createrepo_c failed on " + dir + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while createrepo_c ran on " + dir, e);
    }
  }
}
