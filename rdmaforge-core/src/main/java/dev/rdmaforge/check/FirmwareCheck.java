package dev.rdmaforge.check;

import dev.rdmaforge.depmod.DepmodModule;
import dev.rdmaforge.depmod.Resolution;
import dev.rdmaforge.kmod.ModinfoEntry;
import dev.rdmaforge.report.Finding;
import dev.rdmaforge.report.Location;
import dev.rdmaforge.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Set;

/**
 * Firmware a module names ({@code firmware=} in .modinfo) that the image does not have. The
 * kernel's loader looks in {@code /lib/firmware/updates/KVER}, {@code /lib/firmware/updates},
 * {@code /lib/firmware/KVER} and {@code /lib/firmware}, also for {@code .xz} and {@code .zst}
 * copies; a module usually loads without it and fails later, when the device is probed.
 */
final class FirmwareCheck {
  private final CheckRequest request;
  private final Resolution resolution;
  private final TargetKernel kernel;
  private List<Path> bases; // the firmware directories the image has, in the loader's order

  FirmwareCheck(CheckRequest request, Resolution resolution, TargetKernel kernel,
      ModuleFiles files) {
    this.request = request;
    this.resolution = resolution;
    this.kernel = kernel;
  }

  List<Finding> findings(List<ModuleResult> results) {
    Set<String> modules = new LinkedHashSet<>();
    for (ModuleResult r : results) {
      modules.addAll(r.loadOrder());
    }
    List<Finding> findings = new ArrayList<>();
    for (String name : modules) {
      DepmodModule m = resolution.module(name).orElse(null);
      if (m == null) {
        continue;
      }
      for (ModinfoEntry e : m.modinfo()) {
        if (e.key().equals("firmware") && !present(e.value())) {
          findings.add(new Finding("RF-CHK-010", Severity.WARNING,
              Location.of("lib/modules/" + kernel.release() + "/" + m.outputPath()),
              name + " names firmware " + e.value() + ", which is not in the image's"
                  + " /lib/firmware: the device fails when the driver probes it",
              "install the firmware package that ships " + e.value()
                  + " (e.g. firmware-misc-nonfree) into the image"));
        }
      }
    }
    return findings;
  }

  private boolean present(String firmware) {
    if (bases == null) {
      // A file under a directory the image lacks is not there either: one stat per directory
      // instead of fifteen per firmware name (4,000 modules name about 2,000).
      String kver = kernel.release();
      List<Path> found = new ArrayList<>();
      for (String dir : List.of("lib/firmware/updates/" + kver, "lib/firmware/updates",
          "lib/firmware/" + kver, "lib/firmware", "usr/lib/firmware")) {
        Path base = request.root().resolve(dir);
        if (Files.isDirectory(base)) {
          found.add(base);
        }
      }
      bases = found;
    }
    for (Path dir : bases) {
      Path base = dir.resolve(firmware);
      for (String suffix : List.of("", ".xz", ".zst")) {
        if (Files.exists(Path.of(base + suffix))) {
          return true;
        }
      }
    }
    return false;
  }
}
