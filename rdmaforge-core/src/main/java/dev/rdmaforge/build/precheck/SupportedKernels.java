package dev.rdmaforge.build.precheck;

import dev.rdmaforge.pkg.VersionOrder;
import dev.rdmaforge.pkg.repo.BundleInfo;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RF-STK-002 and RF-STK-003: the target kernel against what the bundle supports. A kernel listed
 * in {@code .supported_kernels} is already supported (as mlnx_add_kernel_support.sh says
 * "Required kernel (...) is already supported"): nothing to rebuild. A kernel of a newer series
 * ({@code MAJOR.MINOR}, compared with rpm's version order) than every kernel the bundle supports
 * is refused: the bundle's compat layer predates that kernel's API, and the build would fail
 * after many minutes (uclasystem/hermit#8). With no supported kernels listed, the series of the
 * bundle's distro's kernel ({@link #DISTRO_SERIES}) stands for them.
 */
final class SupportedKernels {
  static final String NEWER = "RF-STK-002";
  static final String ALREADY = "RF-STK-003";

  /**
   * The kernel series each distro release ships (its GA kernel), for bundles that list no
   * supported kernels; keyed by the bundle's {@code distro} without its minor release.
   */
  static final Map<String, String> DISTRO_SERIES = Map.ofEntries(
      Map.entry("debian10", "4.19"), Map.entry("debian11", "5.10"),
      Map.entry("debian12", "6.1"), Map.entry("rhel7", "3.10"), Map.entry("rhel8", "4.18"),
      Map.entry("rhel9", "5.14"), Map.entry("ol8", "4.18"), Map.entry("ol9", "5.14"),
      Map.entry("sles15", "5.14"), Map.entry("ubuntu20", "5.4"), Map.entry("ubuntu22", "5.15"),
      Map.entry("ubuntu24", "6.8"));

  private static final Pattern SERIES = Pattern.compile("^(\\d+\\.\\d+)");
  private static final Pattern DISTRO = Pattern.compile("^([a-z]+)(\\d+)");

  private SupportedKernels() {}

  static void check(String release, BundleInfo bundle, List<KernelFinding> out) {
    Path bundleDir = bundle.versionFile().getParent();
    Optional<Path> file = kernelsFile(bundleDir);
    List<String> lines = file.map(TextLines::read).orElse(List.of());
    int listed = lines.indexOf(release);
    if (listed >= 0) {
      out.add(new KernelFinding(release, new Finding(ALREADY, Severity.INFO,
          Location.at(file.get().toString(), listed + 1), "kernel " + release + " is already"
              + " supported by the bundle: its kernel packages are used as shipped", "")));
      return;
    }
    Optional<String> series = series(release);
    if (series.isEmpty()) {
      return; // not a MAJOR.MINOR release: nothing to compare
    }
    String newest = null;
    Location at = null;
    for (int i = 0; i < lines.size(); i++) {
      Optional<String> s = series(lines.get(i).strip());
      if (s.isPresent() && (newest == null || VersionOrder.rpmSegments(s.get(), newest) > 0)) {
        newest = s.get();
        at = Location.at(file.get().toString(), i + 1);
      }
    }
    String basis = "its .supported_kernels";
    if (newest == null) {
      Optional<String> distroSeries = distroSeries(bundle.distro());
      if (distroSeries.isEmpty()) {
        return;
      }
      newest = distroSeries.get();
      at = Location.at(bundleDir.resolve("distro").toString(), 1);
      basis = "its distro " + bundle.distro() + " (kernel " + newest + ")";
    }
    if (VersionOrder.rpmSegments(series.get(), newest) > 0) {
      out.add(new KernelFinding(release, new Finding(NEWER, Severity.ERROR, at,
          "kernel " + release + " (series " + series.get() + ") is newer than MLNX_OFED "
              + bundle.version() + " supports: " + basis + " go up to " + newest,
          "use an MLNX_OFED release that supports " + series.get() + " kernels, or a "
              + newest + " kernel")));
    }
  }

  static Optional<String> series(String release) {
    Matcher m = SERIES.matcher(release);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<String> distroSeries(String distro) {
    Matcher m = DISTRO.matcher(distro);
    if (!m.find()) {
      return Optional.empty();
    }
    String key = m.group(1) + m.group(2);
    if (m.group(1).equals("sles")) {
      key = "sles" + m.group(2);
    }
    return Optional.ofNullable(DISTRO_SERIES.get(key));
  }

  private static Optional<Path> kernelsFile(Path dir) {
    for (String name : List.of(".supported_kernels", "supported_kernels")) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return Optional.of(dir.resolve(name));
      }
    }
    return Optional.empty();
  }
}
