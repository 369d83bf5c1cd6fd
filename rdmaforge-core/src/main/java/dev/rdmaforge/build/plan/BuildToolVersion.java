package dev.rdmaforge.build.plan;

import dev.rdmaforge.pkg.PackageFormat;
import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version of the tool that builds a format's packages, part of every step's key (asked once
 * per process): {@code rpmbuild --version} for RPM; for DEB {@code dpkg-buildpackage --version}
 * and the installed debhelper's version, since debhelper decides what the packages hold (stripping,
 * md5sums, generated scripts).
 */
public final class BuildToolVersion {
  private static final Map<PackageFormat, String> KNOWN = new ConcurrentHashMap<>();

  private BuildToolVersion() {}

  /** {@code RPM version 4.18.0}, or {@code Debian dpkg-buildpackage version 1.21.22. debhelper 13.11.4}. */
  public static String of(PackageFormat format) {
    return KNOWN.computeIfAbsent(format, f -> f == PackageFormat.RPM
        ? firstLine(List.of("rpmbuild", "--version"), "rpm")
        : firstLine(List.of("dpkg-buildpackage", "--version"), "dpkg-dev")
            + " debhelper " + debhelper());
  }

  /** debhelper's version from the package database, or {@code none} when it is not installed. */
  private static String debhelper() {
    try {
      Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", "debhelper")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 && !out.isEmpty() ? out : "none";
    } catch (IOException e) {
      return "none";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking dpkg-query for debhelper", e);
    }
  }

  private static String firstLine(List<String> cmd, String debianPackage) {
    String install = "install it with 'apt-get install -y --no-install-recommends "
        + debianPackage + "'";
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0 || out.isBlank()) {
        throw new UserInputException(String.join(" ", cmd) + " failed: " + out.strip() + "; "
            + install);
      }
      return out.lines().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw new UserInputException(cmd.get(0) + " is not installed (" + e.getMessage() + "); "
          + install, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + cmd.get(0) + " --version", e);
    }
  }
}
