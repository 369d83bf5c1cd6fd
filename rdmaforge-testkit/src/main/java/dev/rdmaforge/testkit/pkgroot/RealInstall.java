package dev.rdmaforge.testkit.pkgroot;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs packages into a scratch root with the real tools, as the oracle of a package root:
 * {@code dpkg-deb -x} for DEBs (what dpkg unpacks, without running maintainer scripts) and
 * {@code rpm --root SCRATCH --nodeps --noscripts -i} for RPMs (needs root, as the test machine
 * runs).
 */
public final class RealInstall {
  private RealInstall() {}

  /** {@code dpkg-deb -x DEB ROOT}. */
  public static void deb(Path deb, Path root) {
    Processes.runChecked(null, List.of(Tools.require("dpkg-deb", "dpkg").toString(), "-x",
        deb.toString(), root.toString()));
  }

  /** {@code rpm --root ROOT --nodeps --noscripts -i RPM...}; fails when rpm does. */
  public static void rpm(Path root, List<Path> rpms) {
    ProcessResult r = rpmInstall(root, rpms, false);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("rpm -i failed:\n" + r.describe());
    }
  }

  /** {@code rpm --root ROOT --nodeps --noscripts -i [--test] RPM...}, whatever its outcome. */
  public static ProcessResult rpmInstall(Path root, List<Path> rpms, boolean test) {
    List<String> cmd = new ArrayList<>(List.of(Tools.require("rpm", "rpm").toString(),
        "--root", root.toString(), "--nodeps", "--noscripts", "-i"));
    if (test) {
      cmd.add("--test");
    }
    rpms.forEach(p -> cmd.add(p.toString()));
    return Processes.run(null, cmd);
  }
}
