package dev.rdmaforge.build.plan;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code rpmbuild --version}, part of every step's key (asked once per process). */
public final class RpmbuildVersion {
  private static volatile String known;

  private RpmbuildVersion() {}

  /** The first line of {@code rpmbuild --version} ({@code RPM version 4.18.0}). */
  public static String get() {
    String v = known;
    if (v != null) {
      return v;
    }
    try {
      Process p = new ProcessBuilder("rpmbuild", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0 || out.isBlank()) {
        throw new UserInputException("rpmbuild --version failed: " + out.strip()
            + "; install rpm (apt-get install -y --no-install-recommends rpm)");
      }
      known = out.lines().findFirst().orElse("").strip();
      return known;
    } catch (IOException e) {
      throw new UserInputException("rpmbuild is not installed (" + e.getMessage() + "); install"
          + " it with 'apt-get install -y --no-install-recommends rpm'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking rpmbuild --version", e);
    }
  }
}
