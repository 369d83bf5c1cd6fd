package dev.rdmaforge.testkit.packages;

import dev.rdmaforge.testkit.ProcessResult;
import dev.rdmaforge.testkit.Processes;
import dev.rdmaforge.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code rpmbuild -bb} on a spec whose {@code %install} copies {@code
 * WORK/root/.}, with the definitions every test-kit RPM shares: its own {@code _topdir}, the
 * payload compression asked for, SHA-256 file digests, and none of the post-install processing
 * (build-id links, debuginfo, brp scripts) that would change the staged module files.
 */
public final class RpmBuild {
  private static final Map<String, String> PAYLOADS = Map.of(
      "zstd", "w19.zstdio", "gzip", "w9.gzdio", "xz", "w6.xzdio", "bzip2", "w9.bzdio");

  private RpmBuild() {}

  /**
   * Builds {@code spec} in {@code work} and moves the binary package, named {@code fileName} by
   * rpmbuild, into {@code out}; appends rpmbuild's output to {@code log}.
   *
   * @param compression one of zstd, gzip, xz, bzip2
   * @return the package in {@code out}
   */
  public static Path binary(Path spec, Path work, String compression, String fileName, Path out,
      StringBuilder log) throws IOException {
    String payload = PAYLOADS.get(compression);
    if (payload == null) {
      throw new IllegalArgumentException("no rpm payload compression " + compression);
    }
    Path rpmbuild = Tools.require("rpmbuild", "rpm");
    ProcessResult result = Processes.run(work, List.of(rpmbuild.toString(), "-bb",
        "--define", "_topdir " + work.resolve("top"),
        "--define", "_sourcedir " + work,
        "--define", "_binary_payload " + payload,
        "--define", "_binary_filedigest_algorithm 8",
        "--define", "_build_id_links none",
        "--define", "__os_install_post %{nil}",
        "--define", "debug_package %{nil}",
        spec.toString()));
    log.append(result.describe()).append('\n');
    if (result.exitCode() != 0) {
      throw new IllegalStateException("rpmbuild failed for " + spec + ":\n" + result.describe());
    }
    Path built = work.resolve("top/RPMS").resolve(arch(fileName)).resolve(fileName);
    Path target = Files.createDirectories(out).resolve(fileName);
    Files.move(built, target);
    return target;
  }

  /** The architecture part of {@code NAME-VERSION-RELEASE.ARCH.rpm}. */
  private static String arch(String fileName) {
    String base = fileName.substring(0, fileName.length() - ".rpm".length());
    return base.substring(base.lastIndexOf('.') + 1);
  }
}
